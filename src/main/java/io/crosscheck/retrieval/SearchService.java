package io.crosscheck.retrieval;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleReembedded;
import io.crosscheck.ingest.ArticleRemoved;
import io.crosscheck.ingest.ArticleStored;
import io.crosscheck.ingest.Chunk;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

/**
 * Hybrid search over every stored chunk; owns the in-memory index, rebuilds it from the database at start and then
 * follows committed article changes, so the index never holds what the database does not.
 */
@ApplicationScoped
public class SearchService {

    private final ChunkIndex index = new ChunkIndex();
    /**
     * The content hash of the version of each article the index holds. A replacement commits the removal of the old
     * version and the new one together, and their after-commit observers may run in either order: a removal is applied
     * only to the version it removed.
     */
    private final Map<String, String> indexedVersion = new HashMap<>();
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

    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleStored event) {
        putArticle(event.article(), event.chunks());
    }

    synchronized void onRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleRemoved event) {
        Article removed = event.article();
        if (removed.contentHash.equals(indexedVersion.get(removed.id))) {
            index.deleteArticle(removed.id);
            indexedVersion.remove(removed.id);
        }
    }

    void onReembedded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleReembedded event) {
        putArticle(event.article(), event.chunks());
    }

    private synchronized void putArticle(Article article, List<Chunk> chunks) {
        index.putArticle(article.id, chunks.stream().map(chunk -> indexed(article, chunk, embeddings.modelName())).toList());
        indexedVersion.put(article.id, article.contentHash);
    }

    /**
     * Loads every stored chunk into the index, article by article, reusing the stored embeddings (those of the configured
     * model; stale ones follow as they are embedded again), before the corpus is ingested (lower priority values run
     * first).
     */
    @Transactional
    void rebuild(@Observes @Priority(20) StartupEvent event) {
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

    /**
     * A chunk whose vector another embedding model made (until EmbeddingUpgrade re-embeds it) is indexed without one:
     * it is found by its words only, and no two models' vectors, nor two dimensions, meet in the vector field.
     */
    private static IndexedChunk indexed(Article article, Chunk chunk, String model) {
        return new IndexedChunk(chunk.id, article.id, article.title, article.outlet, article.url, article.publishedAt,
                chunk.ordinal, chunk.startOffset, chunk.endOffset, chunk.text,
                model.equals(chunk.embeddingModel) ? EmbeddingService.toVector(chunk.embedding) : null);
    }

    @PreDestroy
    void close() throws IOException {
        index.close();
    }
}
