package io.crosscheck.stories;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.Chunk;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Places articles stored before stories existed, oldest first, one transaction per article, on a background thread
 * after start. It is resumable by construction: an article once placed has a story and is not looked at again. Every
 * instance sharing the database runs it; the next article is chosen under the story assignment lock, so that two
 * instances never place one article twice.
 */
@ApplicationScoped
public class StoryBackfill {

    private final StoryService stories;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "story-backfill"));
    private final AtomicLong remaining = new AtomicLong();
    private final AtomicLong placed = new AtomicLong();

    private final DatabaseStatus database;

    public StoryBackfill(StoryService stories, DatabaseStatus database) {
        this.stories = stories;
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) {
        worker.submit(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Articles still waiting for a story. */
    public long remaining() {
        return remaining.get();
    }

    void run() {
        try {
            remaining.set(QuarkusTransaction.requiringNew().call(() -> Article.count("storyId is null")));
            if (remaining.get() == 0) {
                return;
            }
            Log.infof("Placing %d stored articles in stories in the background", remaining.get());
            while (!Thread.currentThread().isInterrupted() && placeNext()) {
                remaining.decrementAndGet();
                if (placed.incrementAndGet() % 100 == 0) {
                    Log.infof("Story backfill: %d placed, %d to go", placed.get(), remaining.get());
                }
            }
            Log.infof("Story backfill done: %d articles placed", placed.get());
        } catch (RuntimeException e) {
            if (database.retryWhenWritable(e, worker, this::run)) {
                Log.warnf("Story backfill paused by a database fault; it resumes once the database takes writes again");
                return;
            }
            Log.warnf(e, "Story backfill stopped; it resumes at the next start");
        }
    }

    boolean placeNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // chosen once the lock is held: an article another instance placed meanwhile has a story by then
            StoryService.lockAssignments();
            List<Article> next = Article.<Article> find("storyId is null order by publishedAt nulls last, ingestedAt, id")
                    .page(0, 1).list();
            if (next.isEmpty()) {
                return false;
            }
            Article article = next.get(0);
            stories.assign(article, Chunk.listByArticle(article.id));
            return true;
        });
    }
}
