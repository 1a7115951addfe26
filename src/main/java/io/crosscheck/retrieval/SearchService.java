package io.crosscheck.retrieval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleReembedded;
import io.crosscheck.ingest.ArticleRemoved;
import io.crosscheck.ingest.ArticleStored;
import io.crosscheck.ingest.Chunk;
import io.crosscheck.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Hybrid search over every stored chunk. The chunks live in a {@link SearchEngine} chosen by
 * {@code crosscheck.search.engine}; whatever the engine, its lexical and dense rankings are fused here by the same
 * reciprocal rank. The index follows article changes in the same flow as the database rows, and reconcile (at start and
 * on demand) repairs it from the database, which is the source of truth.
 */
@ApplicationScoped
public class SearchService {

    /** What one reconcile found and did. */
    public record Reconciled(String engine, int articles, int reindexed, int removed, int leftForLater, long tookMs) {
    }

    /** After the story and figure observers (default priority 2500, stories 5000): they fail before the index is written. */
    private static final int INDEX_WRITE_PRIORITY = 6000;
    private static final int RETRY_AFTER_SECONDS = 5;
    /** Articles re-indexed per write (and per Solr commit) by reconcile: a few MB of chunks and vectors per request. */
    private static final int REINDEX_BATCH = 50;

    private final SearchEngine engine;
    private final EmbeddingService embeddings;
    private final CrosscheckConfig.Search config;
    private final Timer searchTimer;
    private volatile boolean started;
    private final AtomicBoolean retrying = new AtomicBoolean();

    public SearchService(EmbeddingService embeddings, CrosscheckConfig config, MeterRegistry registry) {
        this.embeddings = embeddings;
        this.config = config.search();
        this.engine = create(config.search());
        this.searchTimer = Timer.builder("crosscheck.search").description("Hybrid search latency")
                .tag("engine", engine.name()).publishPercentiles(0.5, 0.95).register(registry);
    }

    static SearchEngine create(CrosscheckConfig.Search config) {
        if (config.engine() == CrosscheckConfig.Search.Engine.EMBEDDED) {
            return new EmbeddedSearchEngine();
        }
        CrosscheckConfig.Search.Solr solr = config.solr();
        return new SolrSearchEngine(new SolrSearchEngine.Settings(solr.urls().orElse(List.of()), solr.collection(),
                solr.createCollection(), solr.shards(), solr.replicas(), solr.timeout()));
    }

    public List<ChunkIndex.Hit> search(String query, int k) {
        return searchTimer.record(() -> {
            float[] vector = embeddings.embedQuery(query);
            try {
                return fuse(engine.candidates(query, vector, Math.max(k, config.candidates())), config.rrfK(), k);
            } catch (SearchEngineException e) {
                Log.warnf("Search failed: %s", e.getMessage());
                throw unavailable(e);
            }
        });
    }

    /** Reciprocal rank fusion of the engine's two rankings, cut to k; ties by chunk id (RankFusion). */
    static List<ChunkIndex.Hit> fuse(SearchEngine.Candidates candidates, int rrfK, int k) {
        List<ChunkIndex.Hit> hits = new ArrayList<>(k);
        for (RankFusion.Fused fused : RankFusion.fuse(candidates.lexical(), candidates.dense(), rrfK)) {
            IndexedChunk chunk = candidates.chunks().get(fused.id());
            if (chunk != null) {
                hits.add(new ChunkIndex.Hit(chunk, fused.score(), fused.lexicalRank(), fused.denseRank()));
            }
            if (hits.size() == k) {
                break;
            }
        }
        return hits;
    }

    /** A persistent engine is written inside the transaction: if it cannot be, the article is not stored (503). */
    void onStoring(@Observes @Priority(INDEX_WRITE_PRIORITY) ArticleStored event) {
        if (engine.persistent()) {
            try {
                putArticle(event.article(), event.chunks());
            } catch (SearchEngineException e) {
                Log.warnf("Article %s not stored: the search index could not be written: %s", event.article().id,
                        e.getMessage());
                throw unavailable(e);
            }
        }
    }

    void onRemoving(@Observes @Priority(INDEX_WRITE_PRIORITY) ArticleRemoved event) {
        if (engine.persistent()) {
            try {
                engine.deleteArticle(event.article().id, event.article().contentHash);
            } catch (SearchEngineException e) {
                throw unavailable(e);
            }
        }
    }

    /** The in-memory index follows committed changes only, so that it never holds what the database does not. */
    void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleStored event) {
        if (!engine.persistent()) {
            putArticle(event.article(), event.chunks());
        }
    }

    /** New vectors of an article's chunks (EmbeddingUpgrade): written like a new version of the article. */
    void onReembedding(@Observes @Priority(INDEX_WRITE_PRIORITY) ArticleReembedded event) {
        if (engine.persistent()) {
            try {
                putArticle(event.article(), event.chunks());
            } catch (SearchEngineException e) {
                throw unavailable(e);
            }
        }
    }

    void onReembedded(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleReembedded event) {
        if (!engine.persistent()) {
            putArticle(event.article(), event.chunks());
        }
    }

    void onRemoved(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArticleRemoved event) {
        if (!engine.persistent()) {
            engine.deleteArticle(event.article().id, event.article().contentHash);
        }
    }

    private void putArticle(Article article, List<Chunk> chunks) {
        engine.putArticle(article.id, article.contentHash, chunks.stream().map(chunk -> indexed(article, chunk, embeddings.modelName())).toList());
    }

    /**
     * Prepares the engine and reconciles it with the database: the embedded index is built from scratch, a Solr
     * collection only gets what differs. After stale chunks are embedded again and before the corpus is ingested
     * (lower priority values run first). A Solr that does not answer leaves the service up but not ready; the readiness
     * check tries again.
     */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        startEngine();
    }

    private synchronized void startEngine() {
        if (started) {
            return;
        }
        try {
            engine.start();
            Reconciled reconciled = reconcile();
            started = true;
            Log.infof("Search index (%s) reconciled with the database in %d ms: %d articles, %d re-indexed, %d removed, "
                    + "%d chunks", engine.name(), reconciled.tookMs(), reconciled.articles(), reconciled.reindexed(),
                    reconciled.removed(), engine.size());
        } catch (SearchEngineException e) {
            Log.errorf("The %s search engine is not available: %s", engine.name(), e.getMessage());
        }
    }

    /**
     * Makes the index hold exactly the database's articles: re-indexes those whose indexed version or chunk count
     * differs (or that are missing), removes those the database no longer has. Only what differs is sent. Serialised:
     * two reconciles in one instance would do the same work twice.
     */
    public synchronized Reconciled reconcile() {
        long began = System.nanoTime();
        Instant judged = Instant.now().minus(config.reconcileGrace());
        Map<String, SearchEngine.IndexedArticle> indexed = engine.indexedArticles();
        Map<String, Object[]> stored = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> Article.getEntityManager()
                .createQuery("select a.id, a.contentHash, a.chunkCount from Article a", Object[].class)
                .getResultList().forEach(row -> stored.put((String) row[0], row)));
        List<String> differing = new ArrayList<>();
        int removed = 0;
        int later = 0;
        for (Object[] row : stored.values()) {
            SearchEngine.IndexedArticle held = indexed.get((String) row[0]);
            if (held != null && held.versions().equals(Set.of((String) row[1])) && held.chunks() == (int) row[2]) {
                continue;
            }
            if (held != null && held.newestWrite().isAfter(judged)) {
                later++;
            } else {
                differing.add((String) row[0]);
            }
        }
        int reindexed = 0;
        for (int from = 0; from < differing.size(); from += REINDEX_BATCH) {
            reindexed += reindex(differing.subList(from, Math.min(from + REINDEX_BATCH, differing.size())));
        }
        for (Map.Entry<String, SearchEngine.IndexedArticle> entry : indexed.entrySet()) {
            if (stored.containsKey(entry.getKey())) {
                continue;
            }
            if (entry.getValue().newestWrite().isAfter(judged)) {
                later++;
            } else {
                engine.deleteArticle(entry.getKey(), null);
                removed++;
            }
        }
        return new Reconciled(engine.name(), stored.size(), reindexed, removed, later,
                (System.nanoTime() - began) / 1_000_000);
    }

    /** Puts the articles' current versions; returns how many still exist. */
    private int reindex(List<String> articleIds) {
        List<SearchEngine.ArticleChunks> current = stored(articleIds, embeddings.modelName());
        engine.putArticles(current);
        return current.size();
    }

    /** The articles' current versions as the index takes them, read in a transaction of their own; gone ones left out. */
    static List<SearchEngine.ArticleChunks> stored(List<String> articleIds, String model) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<SearchEngine.ArticleChunks> articles = new ArrayList<>(articleIds.size());
            for (String id : articleIds) {
                Article article = Article.findById(id);
                if (article != null) {
                    articles.add(new SearchEngine.ArticleChunks(article.id, article.contentHash,
                            Chunk.listByArticle(article.id).stream().map(chunk -> indexed(article, chunk, model)).toList()));
                }
            }
            return articles;
        });
    }

    /**
     * Ready once the engine is prepared and reconciled, and while it answers. An engine that could not be prepared at
     * start is tried again in the background, never within the probe: a probe must answer within its timeout.
     */
    public boolean isReady() {
        if (!started && retrying.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    startEngine();
                } finally {
                    retrying.set(false);
                }
            });
        }
        return started && engine.health().up();
    }

    public SearchEngine.Health health() {
        return engine.health();
    }

    /** The engine itself, for tests that compare engines. */
    SearchEngine engine() {
        return engine;
    }

    public String engineName() {
        return engine.name();
    }

    /** Chunks indexed, or -1 when the engine does not answer. */
    public long size() {
        try {
            return engine.size();
        } catch (SearchEngineException e) {
            return -1;
        }
    }

    private static ProblemException unavailable(SearchEngineException e) {
        return new ProblemException(503, "Search unavailable", "the search index does not answer; try again shortly",
                RETRY_AFTER_SECONDS);
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
    void close() {
        engine.close();
    }
}
