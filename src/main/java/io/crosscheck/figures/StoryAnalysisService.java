package io.crosscheck.figures;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.config.InstanceId;
import io.crosscheck.config.Limits;
import io.crosscheck.database.DatabaseStatus;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.stories.Story;
import io.crosscheck.stories.StoryChanged;
import io.crosscheck.text.Hashes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Analyses one story at a time, after the commit that changed it and off the request thread: groups the story's
 * figures into measures, decides their verdicts, keeps the ids of measures that continue, and replaces the story's
 * measures in one transaction. Questions meanwhile read the last committed measures. The queue is a table, so a
 * story changed just before a crash is analysed after the restart. Instances sharing the database share the queue: an
 * instance takes a story with a lease ({@link AnalysisRequest#claim}), so that no two analyse one story at once, and
 * a story held by an instance that died is taken over once its lease has expired.
 */
@ApplicationScoped
public class StoryAnalysisService {

    /** Raise when grouping, verdict or measure label rules change, so that every story is analysed again in the background. */
    public static final int ANALYSER_VERSION = 3;

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final EmbeddingService embeddings;
    private final ObjectMapper json;
    private final CrosscheckConfig.Analysis config;
    private final Timer analysisTimer;
    private final Counter failures;
    private final ReentrantLock running = new ReentrantLock();
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition woken = wakeLock.newCondition();
    private final Condition started = wakeLock.newCondition();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "story-analysis"));
    private volatile boolean stopping;
    private volatile Backlog backlog = new Backlog(0, 0);
    private volatile OffsetDateTime nextDue;
    /** Set by a wake-up that came while the worker was busy, so that it does not then sleep through it. */
    private boolean signalled;

    /** How far analysis lags behind ingestion. */
    public record Backlog(long pendingStories, double lagSeconds) {
    }

    private final DatabaseStatus database;
    private final String owner;

    public StoryAnalysisService(EmbeddingService embeddings, ObjectMapper json, CrosscheckConfig config, MeterRegistry registry,
            DatabaseStatus database, InstanceId instance) {
        this.embeddings = embeddings;
        this.database = database;
        this.owner = instance.value();
        this.json = json;
        this.config = config.analysis();
        this.analysisTimer = Timer.builder("crosscheck.figures.analysis").description("Grouping and verdicts of one story")
                .publishPercentiles(0.5, 0.95).register(registry);
        this.failures = Counter.builder("crosscheck.figures.analysis.failures").description("Story analyses that failed")
                .register(registry);
        Gauge.builder("crosscheck.figures.analysis.pending", this, s -> s.backlog.pendingStories())
                .description("Stories waiting to be analysed").register(registry);
        Gauge.builder("crosscheck.figures.analysis.lag", this, s -> s.backlog.lagSeconds()).baseUnit("seconds")
                .description("Age of the oldest request for an analysis").register(registry);
    }

    /**
     * Queues the story in the transaction that changed it; a story already queued is queued once. An update first,
     * an insert when no row is there: the worker may delete a row concurrently, never an updated one (its delete
     * requires the request time it analysed), and changes to one story are serialised by story assignment.
     */
    void onChanged(@Observes StoryChanged event) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime due = now.plus(config.debounce());
        OffsetDateTime first = AnalysisRequest.getEntityManager()
                .createQuery("select r.firstRequestedAt from AnalysisRequest r where r.storyId = ?1", OffsetDateTime.class)
                .setParameter(1, event.storyId()).getResultStream().findFirst().orElse(now);
        OffsetDateTime latest = first.plus(config.maxDelay());
        int updated = AnalysisRequest.update("requestedAt = ?1, notBefore = ?2, attempts = 0, lastError = null where storyId = ?3",
                now, due.isAfter(latest) ? latest : due, event.storyId());
        if (updated == 0) {
            AnalysisRequest request = new AnalysisRequest();
            request.storyId = event.storyId();
            request.firstRequestedAt = now;
            request.requestedAt = now;
            request.notBefore = due;
            request.persist();
        }
    }

    void afterChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) StoryChanged event) {
        wake();
    }

    void onStart(@Observes StartupEvent event) {
        worker.submit(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        wake();
        worker.shutdownNow();
        try {
            release(owner);
        } catch (RuntimeException e) {
            Log.warnf("Stories held by this instance not given back at shutdown (taken over once their lease expires): %s",
                    e.toString());
        }
    }

    /**
     * Gives back the stories {@code owner} holds, at shutdown, so that another instance takes them at once rather than
     * after their lease. An analysis still finishing here is then not written: the story is analysed again elsewhere.
     */
    void release(String owner) {
        QuarkusTransaction.requiringNew().run(() -> AnalysisRequest.update("leaseOwner = null, leaseUntil = null"
                + " where leaseOwner = ?1", owner));
    }

    public Backlog backlog() {
        return backlog;
    }

    /** Whether any of these stories has changes its measures do not reflect yet. */
    public Set<Long> pending(List<Long> storyIds) {
        if (storyIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(QuarkusTransaction.requiringNew().call(() -> AnalysisRequest.<AnalysisRequest> list("storyId in ?1",
                storyIds).stream().map(r -> r.storyId).toList()));
    }

    /**
     * Analyses every queued story now, in the calling thread, ignoring the debounce delay; for operators and tests. A
     * story another instance is analysing is left to it.
     */
    public int drain() {
        List<Long> queued = QuarkusTransaction.requiringNew().call(() -> AnalysisRequest.getEntityManager()
                .createQuery("select r.storyId from AnalysisRequest r order by r.notBefore", Long.class).getResultList());
        queued.forEach(this::analyse);
        return queued.size();
    }

    private void loop() {
        while (!stopping) {
            if (!database.writable()) {
                // writing measures now would fail, and make an embedded database on a full disk close itself again
                sleep(config.poll());
                continue;
            }
            try {
                Optional<Long> next = next();
                if (next.isPresent()) {
                    analyse(next.get());
                } else {
                    sleep(untilNextDue());
                }
            } catch (RuntimeException e) {
                // the database may be away for a while; the queue is still there when it is back
                database.report(e);
                Log.warnf("Story analysis worker: %s", e.toString());
                sleep(config.poll());
            }
        }
    }

    /** The story due first that no instance holds, if it is due; also refreshes the backlog figures. */
    private Optional<Long> next() {
        return QuarkusTransaction.requiringNew().call(() -> {
            long pending = AnalysisRequest.count();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            OffsetDateTime oldest = AnalysisRequest.getEntityManager()
                    .createQuery("select min(r.firstRequestedAt) from AnalysisRequest r", OffsetDateTime.class).getSingleResult();
            backlog = new Backlog(pending, oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0));
            List<AnalysisRequest> first = AnalysisRequest.<AnalysisRequest> find("(leaseOwner is null or leaseUntil < ?1)"
                    + " order by notBefore", now).page(0, 1).list();
            nextDue = first.isEmpty() ? null : first.get(0).notBefore;
            return first.stream().filter(r -> !r.notBefore.isAfter(now)).map(r -> r.storyId).findFirst();
        });
    }

    private Duration untilNextDue() {
        OffsetDateTime due = nextDue;
        if (due == null) {
            return config.poll();
        }
        Duration wait = Duration.between(OffsetDateTime.now(ZoneOffset.UTC), due);
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(config.poll()) > 0 ? config.poll() : wait;
    }

    /** What an analysis reads, in one transaction. */
    private record Input(long revision, List<CorpusFigure> figures, Map<String, float[]> vectors,
            Map<String, Set<String>> previous) {
    }

    /** Whether an analysis is running now. */
    public boolean analysing() {
        return running.isLocked();
    }

    /** Waits until an analysis is running, for at most {@code timeout}; for tests that ask while one runs. */
    public boolean awaitAnalysing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        wakeLock.lock();
        try {
            while (!analysing()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                started.awaitNanos(left);
            }
            return true;
        } finally {
            wakeLock.unlock();
        }
    }

    /** Takes the story, unless another instance holds it, and analyses it; one analysis at a time in this instance. */
    private void analyse(long storyId) {
        running.lock();
        wakeLock.lock();
        try {
            started.signalAll();
        } finally {
            wakeLock.unlock();
        }
        try {
            claim(storyId, owner, OffsetDateTime.now(ZoneOffset.UTC)).ifPresent(request -> analyse(request, owner));
        } finally {
            running.unlock();
        }
    }

    /**
     * Makes {@code owner} the holder of the story's request for the configured lease, unless another instance holds
     * it and its lease has not expired at {@code now}; returns the request as taken, detached.
     */
    Optional<AnalysisRequest> claim(long storyId, String owner, OffsetDateTime now) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<AnalysisRequest> claimed = AnalysisRequest.claim(storyId, owner, now, now.plus(config.lease()));
            claimed.ifPresent(r -> AnalysisRequest.getEntityManager().detach(r));
            return claimed;
        });
    }

    /**
     * Analyses a story {@code owner} has claimed and writes its measures, provided {@code owner} still holds it then;
     * returns whether the measures were written.
     */
    boolean analyse(AnalysisRequest request, String owner) {
        try {
            long started = System.nanoTime();
            Input input = QuarkusTransaction.requiringNew().call(() -> read(request.storyId));
            if (input == null) {
                QuarkusTransaction.requiringNew().run(() -> AnalysisRequest.deleteById(request.storyId));
                return false;
            }
            List<MeasureVerdict> verdicts = analyze(input);
            List<MeasureVerdict> named = MeasureIds.assign(verdicts, input.previous(), request.storyId, input.revision());
            boolean stored = QuarkusTransaction.requiringNew().call(() -> store(request, owner, input.revision(), named));
            if (!stored) {
                Log.infof("Analysis of story %d not written: another instance took the story over", request.storyId);
                return false;
            }
            analysisTimer.record(Duration.ofNanos(System.nanoTime() - started));
            Log.debugf("Story %d analysed: %d figures, %d measures in %d ms", request.storyId, input.figures().size(),
                    named.size(), (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            failures.increment();
            Log.warnf(e, "Analysis of story %d failed; it is retried", request.storyId);
            QuarkusTransaction.requiringNew().run(() -> retryLater(request.storyId, owner, e));
            return false;
        }
    }

    private Input read(long storyId) {
        Story story = Story.findById(storyId);
        if (story == null) {
            return null;
        }
        List<CorpusFigure> figures = Figure.listByStory(storyId).stream()
                .map(f -> new CorpusFigure(f.article.id, f.article.title, f.article.outlet, f.article.publishedAt, f.toExtracted()))
                .toList();
        List<String> articleIds = figures.stream().map(CorpusFigure::articleId).distinct().toList();
        Map<String, float[]> vectors = FigureVectors.load(Figure.getEntityManager(), articleIds, embeddings.modelName());
        Map<String, Set<String>> previous = new HashMap<>();
        for (StoredMeasure measure : StoredMeasure.ofStories(List.of(storyId))) {
            previous.put(measure.id, MeasureIds.keysOf(verdictOf(measure)));
        }
        return new Input(story.revision, figures, vectors, previous);
    }

    private List<MeasureVerdict> analyze(Input input) {
        StoredVectors model = new StoredVectors(input.vectors());
        List<MeasureVerdict> verdicts = new ConflictAnalyzer(model).analyze(input.figures()).stream()
                .map(MeasureLabels::named).filter(v -> !v.label().isBlank()).toList();
        if (model.misses > 0) {
            Log.debugf("%d texts were not embedded at ingestion and were embedded for the analysis", model.misses);
        }
        return verdicts;
    }

    private boolean store(AnalysisRequest request, String owner, long revision, List<MeasureVerdict> verdicts) {
        if (Story.count("id", request.storyId) == 0) {
            AnalysisRequest.deleteById(request.storyId);
            return false;
        }
        if (!AnalysisRequest.holds(request.storyId, owner, OffsetDateTime.now(ZoneOffset.UTC).plus(config.lease()))) {
            // the lease expired and another instance took the story, or analysed it and removed the request already:
            // its measures are at least as new as these
            return false;
        }
        StoredMeasure.delete("storyId", request.storyId);
        StoredMeasure.getEntityManager().flush();
        List<MeasureVerdict> ordered = new ArrayList<>(verdicts);
        ordered.sort(Comparator.comparingInt((MeasureVerdict v) -> v.status().ordinal())
                .thenComparing(v -> -articleCount(v)).thenComparing(MeasureVerdict::label).thenComparing(MeasureVerdict::measureId));
        for (int i = 0; i < ordered.size(); i++) {
            MeasureVerdict v = ordered.get(i);
            StoredMeasure measure = new StoredMeasure();
            measure.id = v.measureId();
            measure.storyId = request.storyId;
            measure.position = i;
            measure.label = Limits.fit(v.label(), Limits.MEASURE_LABEL);
            measure.status = v.status();
            measure.figureCount = v.figures().size();
            measure.articleCount = articleCount(v);
            measure.verdict = toJson(v);
            measure.persist();
        }
        // only the analysis's own columns: the story's profile may have changed under an ingest since it was read, and
        // writing the whole row back would undo that change
        Story.update("measureCount = ?1, conflictCount = ?2, analysedAt = ?3, analysedRevision = ?4, analyserVersion = ?5"
                + " where id = ?6", ordered.size(),
                (int) ordered.stream().filter(v -> v.status() == MeasureVerdict.Status.CONFLICT).count(),
                OffsetDateTime.now(ZoneOffset.UTC), revision, ANALYSER_VERSION, request.storyId);
        // a change committed while this analysis ran asked for another one: keep that request, lagging from then on
        AnalysisRequest.delete("storyId = ?1 and requestedAt <= ?2", request.storyId, request.requestedAt);
        AnalysisRequest.update("firstRequestedAt = ?1 where storyId = ?2 and firstRequestedAt < ?1", request.requestedAt,
                request.storyId);
        AnalysisRequest.release(request.storyId, owner);
        return true;
    }

    private void retryLater(long storyId, String owner, RuntimeException e) {
        if (!AnalysisRequest.holds(storyId, owner, OffsetDateTime.now(ZoneOffset.UTC))) {
            // gone, or taken over by another instance, which retries it on its own terms
            return;
        }
        AnalysisRequest request = AnalysisRequest.findById(storyId);
        request.leaseOwner = null;
        request.leaseUntil = null;
        request.attempts++;
        long factor = 1L << Math.min(request.attempts - 1, 20);
        Duration delay = config.retryBackoff().multipliedBy(factor);
        request.notBefore = OffsetDateTime.now(ZoneOffset.UTC).plus(delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay);
        String message = String.valueOf(e);
        request.lastError = message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private static int articleCount(MeasureVerdict v) {
        return (int) v.figures().stream().map(ReportedFigure::articleId).distinct().count();
    }

    String toJson(MeasureVerdict verdict) {
        try {
            return json.writeValueAsString(verdict);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    MeasureVerdict verdictOf(StoredMeasure measure) {
        try {
            return json.readValue(measure.verdict, MeasureVerdict.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("measure " + measure.id + " holds an unreadable verdict", e);
        }
    }

    private void wake() {
        wakeLock.lock();
        try {
            signalled = true;
            woken.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private void sleep(Duration duration) {
        wakeLock.lock();
        try {
            if (!signalled && !duration.isZero()) {
                woken.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            wakeLock.unlock();
        }
    }

    /** Serves the vectors stored at ingestion; a text missing from them (an older database) is embedded now. */
    private final class StoredVectors implements EmbeddingModel {

        private final Map<String, float[]> byHash;
        private int misses;

        StoredVectors(Map<String, float[]> byHash) {
            this.byHash = byHash;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> vectors = new ArrayList<>(segments.size());
            for (TextSegment segment : segments) {
                float[] vector = byHash.get(Hashes.sha256Hex(segment.text()));
                if (vector == null) {
                    misses++;
                    vector = embeddings.embedPassages(List.of(segment.text())).get(0);
                }
                vectors.add(Embedding.from(vector));
            }
            return Response.from(vectors);
        }
    }
}
