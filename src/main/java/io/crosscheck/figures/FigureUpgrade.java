package io.crosscheck.figures;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.ingest.Article;
import io.crosscheck.stories.Story;
import io.crosscheck.stories.StoryService;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Extracts again, in the background after start, the figures of articles stored by an older extractor, one
 * transaction per article, and queues their stories for analysis; then queues the stories older analysis rules
 * analysed. Resumable by construction: an article once done
 * carries the current extractor version. Until it is done, answers use the measures already committed. Every instance
 * sharing the database runs it and they share the work: an article is taken with a row lock that other instances skip,
 * so no article is extracted twice at once (which would store its figures twice).
 */
@ApplicationScoped
public class FigureUpgrade {

    private final FigureService figures;
    private final StoryService stories;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "figure-upgrade"));
    private final AtomicLong remaining = new AtomicLong();

    private final DatabaseStatus database;

    public FigureUpgrade(FigureService figures, StoryService stories, DatabaseStatus database) {
        this.figures = figures;
        this.stories = stories;
        this.database = database;
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
            extractAll();
            reanalyseOlderStories();
        } catch (RuntimeException e) {
            if (database.retryWhenWritable(e, worker, this::run)) {
                Log.warnf("Background upgrade of figures paused by a database fault; it resumes once the database takes "
                        + "writes again");
                return;
            }
            Log.warnf(e, "Background upgrade of figures and measures stopped; it resumes at the next start");
        }
    }

    private void extractAll() {
        remaining.set(QuarkusTransaction.requiringNew().call(() -> Article.count("figuresVersion < ?1",
                FigureService.EXTRACTOR_VERSION)));
        long total = remaining.get();
        if (total == 0) {
            return;
        }
        Log.infof("Extracting figures again for %d articles (extractor version %d) in the background", total,
                FigureService.EXTRACTOR_VERSION);
        while (!Thread.currentThread().isInterrupted() && upgradeNext()) {
            if ((total - remaining.decrementAndGet()) % 100 == 0) {
                Log.infof("Figure re-extraction: %d of %d done", total - remaining.get(), total);
            }
        }
        Log.infof("Figure re-extraction done");
    }

    /**
     * Queues, a page at a time, the stories whose measures older analysis rules computed; the analysis worker then
     * takes them like any changed story, and the queue shows the progress.
     */
    private void reanalyseOlderStories() {
        long queued = 0;
        List<Long> page;
        do {
            page = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> ids = Story.<Story> find("analyserVersion < ?1 and articleCount > 0 and id not in"
                        + " (select r.storyId from AnalysisRequest r) order by id", StoryAnalysisService.ANALYSER_VERSION)
                        .page(0, 100).list().stream().map(story -> story.id).toList();
                stories.reanalyse(ids);
                return ids;
            });
            queued += page.size();
        } while (!page.isEmpty() && !Thread.currentThread().isInterrupted());
        if (queued > 0) {
            Log.infof("Queued %d stories analysed by older rules (analyser version %d) for analysis", queued,
                    StoryAnalysisService.ANALYSER_VERSION);
        }
    }

    boolean upgradeNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // locked until commit; an article another instance is extracting is skipped, not waited for
            List<?> next = Article.getEntityManager().createNativeQuery("select id from article where figures_version < ?1"
                    + " order by id fetch first 1 rows only for update skip locked")
                    .setParameter(1, FigureService.EXTRACTOR_VERSION).getResultList();
            if (next.isEmpty()) {
                return false;
            }
            Article article = Article.findById(next.get(0));
            if (article.figuresVersion >= FigureService.EXTRACTOR_VERSION) {
                // another instance finished it between the query's snapshot and the lock
                return true;
            }
            figures.extractAgain(article);
            if (article.storyId != null) {
                stories.reanalyse(List.of(article.storyId));
            }
            return true;
        });
    }
}
