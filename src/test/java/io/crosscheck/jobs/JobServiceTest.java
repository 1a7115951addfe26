package io.crosscheck.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.config.InstanceId;
import io.crosscheck.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The job table on the test's database (H2, or PostgreSQL in CI's second pass). Each test uses a kind of its own that no
 * handler runs, so the service's workers leave its jobs alone; a second {@link JobService} with another instance id
 * stands for another replica on the same database.
 */
@QuarkusTest
class JobServiceTest {

    @Inject
    JobService jobs;

    @Inject
    CrosscheckConfig config;

    @Inject
    JobWorker workers;

    @Inject
    FlakyJobHandler flaky;

    @Test
    void theWorkersRunAJobThisInstanceQueuesAndRetryItAfterTheBackoff() throws Exception {
        String token = UUID.randomUUID().toString();
        CompletableFuture<String> success = flaky.success(token);
        long started = System.nanoTime();

        long id = jobs.enqueue(FlakyJobHandler.KIND, new NewJob(token, token));

        String thread = success.get(60, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(thread.startsWith("job-worker-"), "run by a worker, not the caller: " + thread);
        assertEquals(2, flaky.runs(token));
        assertTrue(took.compareTo(config.jobs().retryBackoff()) >= 0, "retried only after the backoff: " + took);
        assertEquals(new JobService.Counts(0, 0, 1, 0), workers.runUntilFinished(List.of(), List.of(id), counts -> {
        }));
        Job done = QuarkusTransaction.requiringNew().call(() -> Job.<Job> findById(id));
        assertEquals(2, done.attempts);
        assertEquals(null, done.leaseUntil, "the lease is released");
        assertEquals(jobs.owner(), done.leaseOwner, "the instance that ran it");
    }

    @Test
    void enqueuingTheSameKeyTwiceKeepsOneJob() {
        String kind = kind();
        long first = jobs.enqueue(kind, new NewJob("corpus/a.txt#1", "{}"));
        long again = jobs.enqueue(kind, new NewJob("corpus/a.txt#1", "{\"other\": true}"));
        long changed = jobs.enqueue(kind, new NewJob("corpus/a.txt#2", "{}"));

        assertEquals(first, again);
        assertTrue(changed != first, "other content is another job");
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Job.count("kind", kind)));
        assertEquals("{}", QuarkusTransaction.requiringNew().call(() -> Job.<Job> findById(first).payload));
    }

    @Test
    void twoInstancesClaimingAtOnceNeverGetTheSameJob() throws Exception {
        String kind = kind();
        int count = 60;
        Set<Long> queued = new HashSet<>();
        for (int i = 0; i < count; i++) {
            queued.add(jobs.enqueue(kind, new NewJob("item-" + i, "{}")));
        }
        List<JobService> instances = List.of(jobs, other("replica-b"));
        int threadsPerInstance = 2;
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> claimers = new ArrayList<>();
        try {
            for (JobService instance : instances) {
                for (int t = 0; t < threadsPerInstance; t++) {
                    claimers.add(pool.submit(() -> {
                        start.await();
                        List<Long> mine = new ArrayList<>();
                        Optional<Job> job;
                        while ((job = instance.claim(List.of(kind))).isPresent()) {
                            mine.add(job.get().id);
                        }
                        return mine;
                    }));
                }
            }
            start.countDown();
            List<Long> claimed = new ArrayList<>();
            for (Future<List<Long>> claimer : claimers) {
                claimed.addAll(claimer.get());
            }
            assertEquals(count, claimed.size(), "every job claimed exactly once: " + claimed);
            assertEquals(queued, new HashSet<>(claimed));
            assertTrue(claimers.stream().filter(f -> !getQuietly(f).isEmpty()).count() > 1, "the claimers shared the work");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Job.count("kind = ?1 and status <> ?2", kind,
                JobStatus.RUNNING)));
    }

    @Test
    void aJobWhoseLeaseExpiredIsClaimedByAnotherInstanceAndTheFirstCannotFinishIt() {
        String kind = kind();
        long id = jobs.enqueue(kind, new NewJob("lease", "{}"));
        Job held = jobs.claim(List.of(kind)).orElseThrow();
        JobService replica = other("replica-c");
        assertTrue(replica.claim(List.of(kind)).isEmpty(), "a live lease is respected");

        // the holder died: its lease runs out
        QuarkusTransaction.requiringNew().run(() -> Job.update("leaseUntil = ?1 where id = ?2",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), id));
        Job taken = replica.claim(List.of(kind)).orElseThrow();

        assertEquals(id, taken.id);
        assertEquals(2, taken.attempts);
        assertEquals("replica-c", taken.leaseOwner);
        jobs.succeeded(held);
        assertEquals(JobStatus.RUNNING, jobs.status(id).orElseThrow(), "the first holder lost the job");
        replica.succeeded(taken);
        assertEquals(JobStatus.DONE, jobs.status(id).orElseThrow());
    }

    @Test
    void aFailingJobIsRetriedWithGrowingBackoffThenFailsWithItsError() {
        String kind = kind();
        long id = jobs.enqueue(kind, new NewJob("flaky", "{}"));
        int max = config.jobs().maxAttempts();
        for (int attempt = 1; attempt <= max; attempt++) {
            Job job = jobs.claim(List.of(kind)).orElseThrow(() -> new AssertionError("due again"));
            assertEquals(attempt, job.attempts);
            OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
            JobStatus status = jobs.failed(job, new IllegalStateException("embedding server unreachable"));
            if (attempt < max) {
                assertEquals(JobStatus.QUEUED, status);
                Job queued = QuarkusTransaction.requiringNew().call(() -> Job.<Job> findById(id));
                Duration wait = Duration.between(before, queued.runAfter);
                Duration expected = JobService.backoff(config.jobs().retryBackoff(), attempt);
                assertTrue(wait.compareTo(expected.minusSeconds(1)) > 0 && wait.compareTo(expected.plusSeconds(1)) < 0,
                        "attempt " + attempt + " waits " + wait + ", expected " + expected);
                assertTrue(jobs.claim(List.of(kind)).isEmpty(), "not due during its backoff");
                makeDue(id);
            } else {
                assertEquals(JobStatus.FAILED, status);
            }
        }
        Job failed = QuarkusTransaction.requiringNew().call(() -> Job.<Job> findById(id));
        assertEquals(JobStatus.FAILED, failed.status);
        assertEquals("IllegalStateException: embedding server unreachable", failed.error);
        assertTrue(jobs.claim(List.of(kind)).isEmpty(), "a failed job is not claimed again");
    }

    @Test
    void backoffDoublesUpToTenMinutes() {
        Duration first = Duration.ofSeconds(2);
        assertEquals(Duration.ofSeconds(2), JobService.backoff(first, 1));
        assertEquals(Duration.ofSeconds(4), JobService.backoff(first, 2));
        assertEquals(Duration.ofSeconds(16), JobService.backoff(first, 4));
        assertEquals(Duration.ofMinutes(10), JobService.backoff(first, 12));
        assertEquals(Duration.ofMinutes(10), JobService.backoff(first, 1000));
    }

    @Test
    void aPayloadTheServiceRefusesFailsAtOnceAndEnqueuingItAgainRetriesIt() {
        String kind = kind();
        long id = jobs.enqueue(kind, new NewJob("refused", "{}"));
        Job job = jobs.claim(List.of(kind)).orElseThrow();

        JobStatus status = jobs.failed(job, new ProblemException(409, "Article id already used", "other content"));

        assertEquals(JobStatus.FAILED, status);
        assertEquals("Article id already used: other content",
                QuarkusTransaction.requiringNew().call(() -> Job.<Job> findById(id).error));
        assertEquals(id, jobs.enqueue(kind, new NewJob("refused", "{}")));
        assertEquals(JobStatus.QUEUED, jobs.status(id).orElseThrow(), "a new start gives a failed file another chance");
    }

    @Test
    void anInstanceThatDiesInEveryRunFailsTheJobInsteadOfLoopingForever() {
        String kind = kind();
        long id = jobs.enqueue(kind, new NewJob("poison", "{}"));
        for (int run = 0; run < config.jobs().maxAttempts(); run++) {
            assertNotNull(jobs.claim(List.of(kind)).orElse(null));
            QuarkusTransaction.requiringNew().run(() -> Job.update("leaseUntil = ?1 where id = ?2",
                    OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), id));
        }
        assertFalse(jobs.claim(List.of(kind)).isPresent());
        assertEquals(JobStatus.FAILED, jobs.status(id).orElseThrow());
    }

    private JobService other(String owner) {
        return new JobService(config, InstanceId.of(owner), null);
    }

    private static void makeDue(long id) {
        QuarkusTransaction.requiringNew().run(() -> Job.update("runAfter = ?1 where id = ?2",
                OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1), id));
    }

    private static String kind() {
        return "test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<Long> getQuietly(Future<List<Long>> future) {
        try {
            return future.get();
        } catch (Exception e) {
            return Collections.emptyList();
        }
    }
}
