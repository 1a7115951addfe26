package io.crosscheck.figures;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.crosscheck.ingest.Article;
import io.crosscheck.stories.StoryChanged;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/**
 * Extracts again, in the background after start, the figures of articles stored by an older extractor, one
 * transaction per article, and queues their stories for analysis. Resumable by construction: an article once done
 * carries the current extractor version. Until it is done, answers use the measures already committed.
 */
@ApplicationScoped
public class FigureUpgrade {

    private final FigureService figures;
    private final Event<StoryChanged> changed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "figure-upgrade"));
    private final AtomicLong remaining = new AtomicLong();

    public FigureUpgrade(FigureService figures, Event<StoryChanged> changed) {
        this.figures = figures;
        this.changed = changed;
    }

    void onStart(@Observes StartupEvent event) {
        worker.submit(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /** Articles whose figures still come from an older extractor. */
    public long remaining() {
        return remaining.get();
    }

    void run() {
        try {
            remaining.set(QuarkusTransaction.requiringNew().call(() -> Article.count("figuresVersion < ?1",
                    FigureService.EXTRACTOR_VERSION)));
            if (remaining.get() == 0) {
                return;
            }
            long total = remaining.get();
            Log.infof("Extracting figures again for %d articles (extractor version %d) in the background", total,
                    FigureService.EXTRACTOR_VERSION);
            while (!Thread.currentThread().isInterrupted() && upgradeNext()) {
                if ((total - remaining.decrementAndGet()) % 100 == 0) {
                    Log.infof("Figure re-extraction: %d of %d done", total - remaining.get(), total);
                }
            }
            Log.infof("Figure re-extraction done");
        } catch (RuntimeException e) {
            Log.warnf(e, "Figure re-extraction stopped; it resumes at the next start");
        }
    }

    private boolean upgradeNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Article> next = Article.<Article> find("figuresVersion < ?1 order by id", FigureService.EXTRACTOR_VERSION)
                    .page(0, 1).list();
            if (next.isEmpty()) {
                return false;
            }
            Article article = next.get(0);
            figures.extractAgain(article);
            if (article.storyId != null) {
                changed.fire(new StoryChanged(article.storyId));
            }
            return true;
        });
    }
}
