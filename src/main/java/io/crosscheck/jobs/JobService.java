package io.crosscheck.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.config.InstanceId;
import io.crosscheck.problem.Causes;
import io.crosscheck.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

/**
 * The job table: enqueuing (idempotent by kind and key), claiming under a lease, and recording how a run ended. Every
 * method runs its own short transaction, so that a claim holds its row lock for milliseconds, never for the run.
 */
@ApplicationScoped
public class JobService {

    /** Longest wait between two runs of a failing job, however many attempts it has had. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int KEY_LENGTH = 500;
    static final int ERROR_LENGTH = 1000;
    /**
     * Due jobs read per claim, then locked one at a time with SKIP LOCKED: H2 (2.4.240) applies a row limit before it
     * skips locked rows, so {@code ... LIMIT 1 FOR UPDATE SKIP LOCKED} finds nothing there while another claimer holds
     * the first row; locking candidates one by one behaves the same on H2 and PostgreSQL. A few candidates are enough
     * for a handful of workers per instance.
     */
    private static final int CANDIDATES = 16;
    /** Ids per {@code in} list when counting the statuses of many jobs. */
    private static final int IDS_PER_QUERY = 1000;

    private static final String LOCK_DUE = "select id from job where id = ?1 and ((status = 'QUEUED' and run_after <= ?2) "
            + "or (status = 'RUNNING' and lease_until < ?2)) for update skip locked";

    private final CrosscheckConfig.Jobs config;
    private final String owner;
    private final Event<JobsQueued> queued;

    public JobService(CrosscheckConfig config, InstanceId instance, Event<JobsQueued> queued) {
        this.config = config.jobs();
        this.owner = instance.value();
        this.queued = queued;
    }

    /** Fired in this instance once new jobs are committed, so that its idle workers start at once. */
    public record JobsQueued(String kind) {
    }

    /** How many jobs of a set are in each status, and whether they are all finished. */
    public record Counts(int queued, int running, int done, int failed) {
        public int total() {
            return queued + running + done + failed;
        }

        public boolean finished() {
            return queued == 0 && running == 0;
        }
    }

    /** A failed item of a batch: its position in the request and why it failed. */
    public record ItemError(int index, int attempts, String error) {
    }

    /** What a batch has come to. */
    public record BatchReport(long id, String kind, int total, OffsetDateTime createdAt, Counts counts,
            List<ItemError> errors) {
    }

    /** The instance that owns this service's leases. */
    public String owner() {
        return owner;
    }

    /**
     * Queues the job unless one of this kind with this key exists already; returns the job's id. A job that failed
     * for good is given its attempts again, as a restart used to retry a corpus file that had failed.
     * Instances that enqueue the same job at the same moment end with one row: the unique key refuses the second.
     */
    public long enqueue(String kind, NewJob job) {
        requireKey(job.key());
        long id;
        try {
            id = QuarkusTransaction.requiringNew().call(() -> idOf(kind, job.key()).map(JobService::retryIfFailed)
                    .orElseGet(() -> insert(kind, job.key(), job.payload(), null, null, now())));
        } catch (RuntimeException e) {
            if (!Causes.isConstraintViolation(e)) {
                throw e;
            }
            id = QuarkusTransaction.requiringNew().call(() -> idOf(kind, job.key()).orElseThrow(() -> e));
        }
        queued.fire(new JobsQueued(kind));
        return id;
    }

    /** Queues a batch: one job per payload, all in one transaction with the batch row; returns the batch's id. */
    public long enqueueBatch(String kind, List<String> payloads) {
        long id = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = now();
            JobBatch batch = new JobBatch();
            batch.kind = kind;
            batch.total = payloads.size();
            batch.createdAt = now;
            batch.persist();
            for (int i = 0; i < payloads.size(); i++) {
                insert(kind, "batch-" + batch.id + "/" + i, payloads.get(i), batch.id, i, now);
            }
            return batch.id;
        });
        queued.fire(new JobsQueued(kind));
        return id;
    }

    /**
     * Claims one due job of one of these kinds for this instance: a queued job whose time has come, or a running one
     * whose lease has expired (its instance died). The claimed job is returned detached, its attempt counted.
     */
    public Optional<Job> claim(Collection<String> kinds) {
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = now();
            EntityManager em = Job.getEntityManager();
            List<Long> due = em.createQuery("select j.id from Job j where j.kind in :kinds and ((j.status = :queued and "
                    + "j.runAfter <= :now) or (j.status = :running and j.leaseUntil < :now)) order by j.runAfter, j.id", Long.class)
                    .setParameter("kinds", kinds).setParameter("queued", JobStatus.QUEUED)
                    .setParameter("running", JobStatus.RUNNING).setParameter("now", now).setMaxResults(CANDIDATES)
                    .getResultList();
            for (Long id : due) {
                if (em.createNativeQuery(LOCK_DUE).setParameter(1, id).setParameter(2, now).getResultList().isEmpty()) {
                    continue;
                }
                Job job = em.find(Job.class, id);
                if (job.status == JobStatus.RUNNING && job.attempts >= config.maxAttempts()) {
                    Log.warnf("Job %d (%s) failed: its instance stopped during each of %d runs", id, job.kind, job.attempts);
                    finish(job, JobStatus.FAILED, "the instance running it stopped (lease expired) in each of " + job.attempts
                            + " runs", now);
                    continue;
                }
                job.status = JobStatus.RUNNING;
                job.attempts++;
                job.leaseOwner = owner;
                job.leaseUntil = now.plus(config.lease());
                job.updatedAt = now;
                em.flush();
                em.detach(job);
                return Optional.of(job);
            }
            return Optional.empty();
        });
    }

    /** Extends the leases this instance holds on these running jobs; returns how many it still holds. */
    public int renew(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return QuarkusTransaction.requiringNew().call(() -> Job.update("leaseUntil = ?1, updatedAt = ?2 where id in ?3 "
                + "and status = ?4 and leaseOwner = ?5", now().plus(config.lease()), now(), ids, JobStatus.RUNNING, owner));
    }

    /** Records a successful run, unless another instance has taken the job over meanwhile. */
    public void succeeded(Job job) {
        QuarkusTransaction.requiringNew().run(() -> {
            // the owner stays: which instance ran a job is what shows that instances share the work
            int updated = Job.update("status = ?1, error = null, leaseUntil = null, updatedAt = ?2 "
                    + "where id = ?3 and status = ?4 and leaseOwner = ?5", JobStatus.DONE, now(), job.id, JobStatus.RUNNING, owner);
            if (updated == 0) {
                Log.infof("Job %d (%s) finished here after its lease passed to another instance", job.id, job.kind);
            }
        });
    }

    /**
     * Records a failed run: queued again after a backoff that doubles with each attempt, or failed for good once the
     * attempts are spent or when the failure is the payload's own (a 4xx problem), which no retry can mend.
     */
    public JobStatus failed(Job job, RuntimeException failure) {
        ProblemException problem = Causes.find(failure, ProblemException.class);
        boolean permanent = problem != null && problem.status() >= 400 && problem.status() < 500;
        boolean last = permanent || job.attempts >= config.maxAttempts();
        String error = describe(failure, problem);
        return QuarkusTransaction.requiringNew().call(() -> {
            Job current = Job.findById(job.id);
            if (current == null || current.status != JobStatus.RUNNING || !owner.equals(current.leaseOwner)) {
                return current == null ? JobStatus.FAILED : current.status;
            }
            OffsetDateTime now = now();
            if (last) {
                finish(current, JobStatus.FAILED, error, now);
            } else {
                current.status = JobStatus.QUEUED;
                current.error = error;
                current.runAfter = now.plus(backoff(config.retryBackoff(), current.attempts));
                current.leaseOwner = null;
                current.leaseUntil = null;
                current.updatedAt = now;
            }
            return current.status;
        });
    }

    /** The wait before the run after {@code attempts} failed runs: the first backoff, doubled per further failure. */
    static Duration backoff(Duration first, int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** The status of each of these jobs; ids no longer in the table are left out. */
    public Map<Long, JobStatus> statuses(Collection<Long> ids) {
        Map<Long, JobStatus> statuses = new HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
                List<Long> slice = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
                Job.getEntityManager().createQuery("select j.id, j.status from Job j where j.id in :ids", Object[].class)
                        .setParameter("ids", slice).getResultList()
                        .forEach(row -> statuses.put((Long) row[0], (JobStatus) row[1]));
            }
        });
        return statuses;
    }

    /** How many of these jobs are in each status. */
    public Counts counts(Collection<Long> ids) {
        Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
        statuses(ids).values().forEach(status -> counts.merge(status, 1, Integer::sum));
        return counts(counts);
    }

    /** The jobs of a batch, in request order. */
    public List<Long> batchJobIds(long batchId) {
        return QuarkusTransaction.requiringNew().call(() -> Job.getEntityManager()
                .createQuery("select j.id from Job j where j.batchId = ?1 order by j.batchIndex", Long.class)
                .setParameter(1, batchId).getResultList());
    }

    /** The job's status, or empty when no such job exists. */
    public Optional<JobStatus> status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Job.<Job> findByIdOptional(id).map(j -> j.status));
    }

    public Optional<BatchReport> batch(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            JobBatch batch = JobBatch.findById(id);
            if (batch == null) {
                return Optional.<BatchReport> empty();
            }
            EntityManager em = Job.getEntityManager();
            Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
            em.createQuery("select j.status, count(j) from Job j where j.batchId = :id group by j.status", Object[].class)
                    .setParameter("id", id).getResultList()
                    .forEach(row -> counts.put((JobStatus) row[0], ((Number) row[1]).intValue()));
            List<ItemError> errors = Job.<Job> list("batchId = ?1 and status = ?2 order by batchIndex", id, JobStatus.FAILED)
                    .stream().map(j -> new ItemError(j.batchIndex, j.attempts, j.error)).toList();
            return Optional.of(new BatchReport(batch.id, batch.kind, batch.total, batch.createdAt, counts(counts), errors));
        });
    }

    private static Counts counts(Map<JobStatus, Integer> counts) {
        return new Counts(counts.getOrDefault(JobStatus.QUEUED, 0), counts.getOrDefault(JobStatus.RUNNING, 0),
                counts.getOrDefault(JobStatus.DONE, 0), counts.getOrDefault(JobStatus.FAILED, 0));
    }

    private static Optional<Long> idOf(String kind, String key) {
        return Job.getEntityManager().createQuery("select j.id from Job j where j.kind = ?1 and j.key = ?2", Long.class)
                .setParameter(1, kind).setParameter(2, key).getResultStream().findFirst();
    }

    private static long retryIfFailed(long id) {
        Job.update("status = ?1, attempts = 0, runAfter = ?2, updatedAt = ?2 where id = ?3 and status = ?4", JobStatus.QUEUED,
                now(), id, JobStatus.FAILED);
        return id;
    }

    private static long insert(String kind, String key, String payload, Long batchId, Integer batchIndex, OffsetDateTime now) {
        Job job = new Job();
        job.kind = kind;
        job.key = key;
        job.payload = payload;
        job.status = JobStatus.QUEUED;
        job.runAfter = now;
        job.batchId = batchId;
        job.batchIndex = batchIndex;
        job.createdAt = now;
        job.updatedAt = now;
        job.persist();
        return job.id;
    }

    private static void finish(Job job, JobStatus status, String error, OffsetDateTime now) {
        job.status = status;
        job.error = error;
        job.leaseOwner = null;
        job.leaseUntil = null;
        job.updatedAt = now;
    }

    /** What a client may read of a failure: the problem's title and detail, else the message, never a stack trace. */
    private static String describe(RuntimeException failure, ProblemException problem) {
        String text = problem != null ? problem.title() + ": " + problem.getMessage()
                : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH - 1) + "…" : text;
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > KEY_LENGTH) {
            throw new IllegalArgumentException("a job key is 1-" + KEY_LENGTH + " characters: " + key);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
