package io.crosscheck.ingest;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.text.TextCleaner;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Cleans again, in the background, the articles whose stored text older cleaning rules produced
 * ({@link TextCleaner#VERSION}), one article at a time through {@link ArticleService#cleanAgain}: a changed text is
 * chunked, embedded, indexed and analysed again through the same events as an ingest. It starts once start-up
 * ingestion has run, so that corpus files met again have given their stale copies their source. Resumable by
 * construction: an article once done carries the current version. Paused while the database takes no writes.
 */
@ApplicationScoped
public class CleaningUpgrade {

    /** Articles read per query: a page is a few ids, and the scan goes on after the last one. */
    private static final int PAGE = 50;
    private static final int LOG_EVERY = 100;

    private final ArticleService articles;
    private final DatabaseStatus database;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "cleaning-upgrade"));
    private final AtomicLong remaining = new AtomicLong();

    public CleaningUpgrade(ArticleService articles, DatabaseStatus database) {
        this.articles = articles;
        this.database = database;
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Starts the upgrade on its own thread and returns at once. */
    public void start() {
        worker.submit(this::run);
    }

    /** Articles still cleaned by older rules, as last counted by a running upgrade. */
    public long remaining() {
        return remaining.get();
    }

    void run() {
        try {
            cleanAll();
        } catch (RuntimeException e) {
            if (database.retryWhenWritable(e, worker, this::run)) {
                Log.warnf("Background cleaning of stored articles paused by a database fault; it resumes once the database "
                        + "takes writes again");
                return;
            }
            Log.warnf(e, "Background cleaning of stored articles stopped; it resumes at the next start");
        }
    }

    void cleanAll() {
        long total = QuarkusTransaction.requiringNew().call(() -> Article.count("cleanerVersion < ?1", TextCleaner.VERSION));
        remaining.set(total);
        if (total == 0) {
            return;
        }
        Log.infof("Cleaning %d stored articles again with cleaning rules version %d, in the background", total,
                TextCleaner.VERSION);
        int storedAgain = 0;
        int failed = 0;
        String after = "";
        List<String> page;
        while (!Thread.currentThread().isInterrupted() && !(page = staleAfter(after)).isEmpty()) {
            for (String id : page) {
                try {
                    if (articles.cleanAgain(id) == ArticleService.Recleaned.STORED_AGAIN) {
                        storedAgain++;
                    }
                } catch (RuntimeException e) {
                    if (database.report(e).isPresent()) {
                        throw e;
                    }
                    // this article stays stale until the next start; the others go on
                    failed++;
                    Log.warnf("Article %s not cleaned again: %s", id, e.getMessage());
                }
                long done = total - remaining.decrementAndGet();
                if (done % LOG_EVERY == 0 && done < total) {
                    Log.infof("Cleaning upgrade: %d of %d articles done", done, total);
                }
            }
            after = page.get(page.size() - 1);
        }
        Log.infof("Cleaning upgrade done: %d articles stored again with a new text, %d unchanged, %d failed", storedAgain,
                total - remaining.get() - storedAgain - failed, failed);
    }

    private List<String> staleAfter(String after) {
        return QuarkusTransaction.requiringNew().call(() -> Article.<Article> find("cleanerVersion < ?1 and id > ?2 order by id",
                TextCleaner.VERSION, after).project(ArticleId.class).page(0, PAGE).list().stream().map(ArticleId::id).toList());
    }

    /** Projection of an article's key. */
    public record ArticleId(String id) {
    }
}
