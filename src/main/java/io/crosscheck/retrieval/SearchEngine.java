package io.crosscheck.retrieval;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where chunks are indexed and ranked: {@link EmbeddedSearchEngine} (in this process's memory) or
 * {@link SolrSearchEngine} (a SolrCloud collection). An engine returns the lexical and the dense candidate rankings;
 * {@link SearchService} fuses them by the same reciprocal rank for every engine. Failures to reach the engine are
 * {@link SearchEngineException}s.
 */
public interface SearchEngine extends AutoCloseable {

    /** Both rankings of a query, best first, ties by chunk id, with what the index keeps of each ranked chunk. */
    record Candidates(List<Long> lexical, List<Long> dense, Map<Long, IndexedChunk> chunks) {
    }

    /**
     * What the index holds of one article: the content hashes its chunks carry (one when it is consistent), how many
     * chunks, and when the newest of them was written.
     */
    record IndexedArticle(Set<String> versions, long chunks, Instant newestWrite) {
    }

    /** One article's chunks of one version, to be indexed. */
    record ArticleChunks(String articleId, String contentHash, List<IndexedChunk> chunks) {
    }

    /** Whether the engine answers, and what it says about itself. */
    record Health(boolean up, String detail) {
    }

    /** {@code embedded} or {@code solr}. */
    String name();

    /**
     * Whether the index outlives this process. Such an index is written inside the database transaction, so that a
     * failed index write fails the request; what a failed database commit leaves behind is repaired by reconcile. An
     * index in memory follows committed transactions only.
     */
    boolean persistent();

    /** Prepares the engine (creating what is missing); called once before the first write. */
    void start();

    /** Indexes an article's chunks of one version, replacing whatever the index held for the article. */
    default void putArticle(String articleId, String contentHash, List<IndexedChunk> chunks) {
        putArticles(List.of(new ArticleChunks(articleId, contentHash, chunks)));
    }

    /** {@link #putArticle} for several articles in one write (reconcile, bulk loads). */
    void putArticles(List<ArticleChunks> articles);

    /** Removes the article's chunks of that version only, or of every version when the hash is null. */
    void deleteArticle(String articleId, String contentHash);

    /** The {@code n} best chunks of each ranking; the query vector ranks the dense list. */
    Candidates candidates(String query, float[] queryVector, int n);

    /** Chunks indexed. */
    long size();

    Health health();

    /** Every indexed article by id, for reconcile. */
    Map<String, IndexedArticle> indexedArticles();

    @Override
    void close();
}
