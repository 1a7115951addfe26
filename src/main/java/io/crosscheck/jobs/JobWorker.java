package io.crosscheck.jobs;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.database.DatabaseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * This instance's share of the job table: a pool of workers that each claim one due job, run it with the handler of
 * its kind and record the outcome. Idle workers look again every poll interval (for jobs other instances queued) and
 * at once when this instance queues some. While a job runs, its lease is renewed, so that only a dead or hung
 * instance loses it.
 */
@ApplicationScoped
public class JobWorker {

    private final JobService jobs;
    private final Map<String, JobHandler> handlers = new HashMap<>();
    private final CrosscheckConfig.Jobs config;
    private final DatabaseStatus database;
    private final MeterRegistry registry;
    private final ExecutorService pool;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "job-lease"));
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition woken = wakeLock.newCondition();
    /** Wake-ups not yet consumed, so that one that comes while every worker is busy is not slept through. */
    private int signals;
    private volatile boolean stopping;

    public JobWorker(JobService jobs, Instance<JobHandler> handlers, CrosscheckConfig config, DatabaseStatus database,
            MeterRegistry registry) {
        this.jobs = jobs;
        this.config = config.jobs();
        this.database = database;
        this.registry = registry;
        for (JobHandler handler : handlers) {
            JobHandler previous = this.handlers.put(handler.kind(), handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for jobs of kind " + handler.kind());
            }
        }
        int workers = Math.max(1, this.config.workers());
        AtomicInteger next = new AtomicInteger(1);
        this.pool = Executors.newFixedThreadPool(workers, r -> new Thread(r, "job-worker-" + next.getAndIncrement()));
    }

    void onStart(@Observes StartupEvent event) {
        for (int i = 0; i < Math.max(1, config.workers()); i++) {
            pool.submit(this::loop);
        }
        long every = Math.max(1, config.lease().toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    /** Lets running jobs finish for a few seconds; one still running then is interrupted and retried later. */
    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        wake();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        renewer.shutdownNow();
    }

    void onQueued(@Observes JobService.JobsQueued event) {
        wake();
    }

    /** The kinds some handler in this instance runs. */
    public Set<String> kinds() {
        return handlers.keySet();
    }

    /**
     * Runs due jobs of these kinds in the calling thread until every job named is finished, whoever runs them (other
     * instances and this one's workers share them); for a start-up that waits for its corpus. Each time the jobs'
     * statuses are read, {@code progress} is told how many are done and failed.
     */
    public JobService.Counts runUntilFinished(Collection<String> kinds, Collection<Long> ids,
            Consumer<JobService.Counts> progress) {
        Set<Long> remaining = new HashSet<>(ids);
        int done = 0;
        int failed = 0;
        JobService.Counts counts = new JobService.Counts(remaining.size(), 0, 0, 0);
        while (!Thread.currentThread().isInterrupted()) {
            Map<Long, JobStatus> statuses;
            try {
                statuses = jobs.statuses(remaining);
            } catch (RuntimeException e) {
                // the database is away: the jobs are still there when it is back
                database.report(e);
                Log.warnf("Waiting for %d job(s): %s", remaining.size(), e.getMessage());
                sleep(config.poll());
                continue;
            }
            int queued = 0;
            int running = 0;
            for (Iterator<Long> it = remaining.iterator(); it.hasNext();) {
                JobStatus status = statuses.get(it.next());
                // a job deleted meanwhile has nothing left to run
                if (status == null || status == JobStatus.DONE) {
                    done++;
                    it.remove();
                } else if (status == JobStatus.FAILED) {
                    failed++;
                    it.remove();
                } else if (status == JobStatus.QUEUED) {
                    queued++;
                } else {
                    running++;
                }
            }
            counts = new JobService.Counts(queued, running, done, failed);
            progress.accept(counts);
            if (remaining.isEmpty()) {
                return counts;
            }
            if (!database.writable() || !runOneOrReport(kinds)) {
                // the rest is running elsewhere, waiting for a retry, or waiting for the database
                sleep(config.poll());
            }
        }
        return counts;
    }

    private boolean runOneOrReport(Collection<String> kinds) {
        try {
            return runOne(kinds);
        } catch (RuntimeException e) {
            database.report(e);
            Log.warnf("Job claim failed: %s", e.getMessage());
            return false;
        }
    }

    private void loop() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            if (!database.writable()) {
                // a job would fail and spend an attempt; the queue is still there when the database is back
                sleep(config.poll());
                continue;
            }
            try {
                if (!runOne(handlers.keySet())) {
                    awaitWake(config.poll());
                }
            } catch (RuntimeException e) {
                database.report(e);
                Log.warnf("Job worker: %s", e.toString());
                sleep(config.poll());
            }
        }
    }

    /** Claims and runs one due job; false when none was due. */
    boolean runOne(Collection<String> kinds) {
        Optional<Job> claimed = jobs.claim(kinds);
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get());
        return true;
    }

    private void run(Job job) {
        held.add(job.id);
        long started = System.nanoTime();
        try {
            handlers.get(job.kind).run(job.payload);
            jobs.succeeded(job);
            count(job.kind, "done");
            long millis = (System.nanoTime() - started) / 1_000_000;
            Log.debugf("Job %s (%s) done in %s ms", job.id, job.kind, String.valueOf(millis));
        } catch (RuntimeException e) {
            if (database.report(e).isPresent()) {
                // not the job's fault: it stays leased and is taken again once its lease expires or the database is back
                Log.warnf("Job %d (%s) interrupted by a database fault: %s", job.id, job.kind, e.getMessage());
                return;
            }
            JobStatus status = jobs.failed(job, e);
            count(job.kind, status == JobStatus.FAILED ? "failed" : "retried");
            Log.warnf("Job %d (%s) attempt %d failed%s: %s", job.id, job.kind, job.attempts,
                    status == JobStatus.FAILED ? " for good" : ", retried later", e.getMessage());
        } finally {
            held.remove(job.id);
        }
    }

    private void renewLeases() {
        try {
            List<Long> ids = List.copyOf(held);
            if (!ids.isEmpty()) {
                jobs.renew(ids);
            }
        } catch (RuntimeException e) {
            Log.warnf("Job leases not renewed: %s", e.getMessage());
        }
    }

    private void count(String kind, String outcome) {
        Counter.builder("crosscheck.jobs.runs").description("Job runs by kind and outcome").tag("kind", kind)
                .tag("outcome", outcome).register(registry).increment();
    }

    private void wake() {
        wakeLock.lock();
        try {
            signals++;
            woken.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private void awaitWake(Duration timeout) {
        wakeLock.lock();
        try {
            if (signals == 0) {
                woken.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            signals = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            wakeLock.unlock();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
