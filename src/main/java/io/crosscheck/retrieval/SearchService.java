package io.crosscheck.retrieval;

import java.io.IOException;
import java.util.List;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.Chunk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Hybrid search over every stored chunk; owns the in-memory index and keeps it in step with the database. */
@ApplicationScoped
public class SearchService {

    private final ChunkIndex index = new ChunkIndex();
    private final EmbeddingService embeddings;
    private final CrosscheckConfig.Search config;
    private final Timer searchTimer;
    private volatile boolean ready;

    public SearchService(EmbeddingService embeddings, CrosscheckConfig config, MeterRegistry registry) {
        this.embeddings = embeddings;
        this.config = config.search();
        this.searchTimer = Timer.builder("crosscheck.search").description("Hybrid search latency")
                .publishPercentiles(0.5, 0.95).register(registry);
    }

    public List<ChunkIndex.Hit> search(String query, int k) {
        return searchTimer.record(() -> index.search(query, embeddings.embedQuery(query), Math.max(k, config.candidates()),
                config.rrfK(), k));
    }

    public void putArticle(Article article, List<Chunk> chunks) {
        index.putArticle(article.id, chunks.stream().map(chunk -> indexed(article, chunk)).toList());
    }

    public void deleteArticle(String articleId) {
        index.deleteArticle(articleId);
    }

    /** Loads every stored chunk into the index, article by article, reusing the stored embeddings. */
    @Transactional
    public void rebuild() {
        long started = System.nanoTime();
        List<Article> articles = Article.listAll(Article.defaultOrder());
        for (Article article : articles) {
            putArticle(article, Chunk.listByArticle(article.id));
        }
        ready = true;
        Log.infof("Search index rebuilt from the database: %d articles, %d chunks in %d ms", articles.size(), index.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    public boolean isReady() {
        return ready;
    }

    public int size() {
        return index.size();
    }

    private static IndexedChunk indexed(Article article, Chunk chunk) {
        return new IndexedChunk(chunk.id, article.id, article.title, article.outlet, article.url, article.publishedAt,
                chunk.ordinal, chunk.startOffset, chunk.endOffset, chunk.text, EmbeddingService.toVector(chunk.embedding));
    }

    @PreDestroy
    void close() throws IOException {
        index.close();
    }
}
