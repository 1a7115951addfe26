package io.crosscheck.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The zero-setup engine: a {@link ChunkIndex} in this process's memory, rebuilt from the database at start by
 * reconcile (everything differs from an empty index) and written after each commit.
 */
public final class EmbeddedSearchEngine implements SearchEngine {

    private record Version(String contentHash, int chunks) {
    }

    private final ChunkIndex index = new ChunkIndex();
    /**
     * The version of each article the index holds. A replacement commits the removal of the old version and the new
     * one together, and their after-commit observers may run in either order: a removal is applied only to the
     * version it removed.
     */
    private final Map<String, Version> versions = new HashMap<>();

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public void start() {
        // nothing to create: the index is built as articles are put
    }

    @Override
    public synchronized void putArticles(List<ArticleChunks> articles) {
        for (ArticleChunks article : articles) {
            index.putArticle(article.articleId(), article.chunks());
            versions.put(article.articleId(), new Version(article.contentHash(), article.chunks().size()));
        }
    }

    @Override
    public synchronized void deleteArticle(String articleId, String contentHash) {
        Version held = versions.get(articleId);
        if (held != null && (contentHash == null || contentHash.equals(held.contentHash()))) {
            index.deleteArticle(articleId);
            versions.remove(articleId);
        }
    }

    @Override
    public Candidates candidates(String query, float[] queryVector, int n) {
        List<Long> lexical = index.lexical(query, n);
        List<Long> dense = index.dense(queryVector, n);
        Map<Long, IndexedChunk> chunks = new HashMap<>();
        for (List<Long> ranking : List.of(lexical, dense)) {
            for (long id : ranking) {
                IndexedChunk chunk = index.chunk(id);
                if (chunk != null) {
                    chunks.put(id, chunk);
                }
            }
        }
        return new Candidates(lexical, dense, chunks);
    }

    @Override
    public long size() {
        return index.size();
    }

    @Override
    public Health health() {
        return new Health(true, "in memory");
    }

    @Override
    public synchronized Map<String, IndexedArticle> indexedArticles() {
        Map<String, IndexedArticle> articles = new HashMap<>();
        // written after commit only, never by a transaction still in flight: no write is too recent to judge
        versions.forEach((id, version) -> articles.put(id,
                new IndexedArticle(Set.of(version.contentHash()), version.chunks(), Instant.EPOCH)));
        return articles;
    }

    @Override
    public void close() {
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
