package io.crosscheck.ingest;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Embeds again, in the background, the chunks stored with another model than the configured one (after a change of
 * {@code crosscheck.embedding.provider} or model), one article at a time through {@link ArticleService#reembed}. The
 * service is ready meanwhile: the search index holds a chunk's vector only once it is of the configured model, so
 * vectors of two models (perhaps of two dimensions) are never compared, and a chunk still waiting is found by its words
 * alone. Resumable by construction: a chunk once done carries the configured model's name. Paused while the database
 * takes no writes, and retried after {@link #SERVER_RETRY_SECONDS} while the embedding server does not answer.
 */
@ApplicationScoped
public class EmbeddingUpgrade {

    /** Articles read per query: a page is a few ids, and the scan goes on after the last one. */
    private static final int PAGE = 50;
    private static final int LOG_EVERY = 100;
    /** A server down for longer than the embedding service's own retries is tried again this much later. */
    static final int SERVER_RETRY_SECONDS = 30;

    /** Where the upgrade stands, for the readiness data. */
    public enum State {
        IDLE, RUNNING, WAITING_FOR_SERVER, DONE
    }

    private final ArticleService articles;
    private final EmbeddingService embeddings;
    private final DatabaseStatus database;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "embedding-upgrade"));
    private final AtomicLong remaining = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);

    public EmbeddingUpgrade(ArticleService articles, EmbeddingService embeddings, DatabaseStatus database) {
        this.articles = articles;
        this.embeddings = embeddings;
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) {
        worker.submit(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Chunks still carrying another model's vectors, as last counted by a running upgrade. */
    public long remaining() {
        return remaining.get();
    }

    public State state() {
        return state.get();
    }

    void run() {
        try {
            reembedAll();
        } catch (ProblemException e) {
            state.set(State.WAITING_FOR_SERVER);
            Log.warnf("Re-embedding of stored chunks paused: %s; tried again in %d s", e.getMessage(), SERVER_RETRY_SECONDS);
            worker.schedule(this::run, SERVER_RETRY_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            if (database.retryWhenWritable(e, worker, this::run)) {
                Log.warnf("Re-embedding of stored chunks paused by a database fault; it resumes once the database takes "
                        + "writes again");
                return;
            }
            Log.warnf(e, "Re-embedding of stored chunks stopped; it resumes at the next start");
        }
    }

    /**
     * Embeds again, on the caller's thread, every chunk stored with another model and returns how many; a failure of
     * the embedding server ends it with the server's 503 problem (what is done stays done). One pass at a time: a
     * caller waits for a pass under way, then finds only what is left.
     */
    public synchronized long reembedAll() {
        String model = embeddings.modelName();
        long total = QuarkusTransaction.requiringNew().call(() -> Chunk.count("embeddingModel <> ?1", model));
        remaining.set(total);
        if (total == 0) {
            state.set(State.DONE);
            return 0;
        }
        state.set(State.RUNNING);
        Log.infof("Embedding %d stored chunks again with %s, in the background", total, model);
        long done = 0;
        String after = "";
        List<String> page;
        while (!Thread.currentThread().isInterrupted() && !(page = staleAfter(model, after)).isEmpty()) {
            for (String id : page) {
                int chunks = articles.reembed(id);
                done += chunks;
                remaining.addAndGet(-chunks);
                if (done / LOG_EVERY != (done - chunks) / LOG_EVERY && remaining.get() > 0) {
                    Log.infof("Re-embedding: %d of %d chunks done", done, total);
                }
            }
            after = page.get(page.size() - 1);
        }
        remaining.set(Math.max(0, remaining.get()));
        state.set(State.DONE);
        Log.infof("Re-embedding done: %d chunks embedded again with %s", done, model);
        return done;
    }

    private List<String> staleAfter(String model, String after) {
        return QuarkusTransaction.requiringNew().call(() -> Chunk.getEntityManager().createQuery(
                "select distinct c.article.id from Chunk c where c.embeddingModel <> ?1 and c.article.id > ?2 "
                        + "order by c.article.id", String.class)
                .setParameter(1, model).setParameter(2, after).setMaxResults(PAGE).getResultList());
    }
}
