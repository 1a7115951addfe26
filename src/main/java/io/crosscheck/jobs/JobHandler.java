package io.crosscheck.jobs;

/**
 * Runs the jobs of one kind; a bean of a higher layer (ingest) registers itself by implementing this, so that the job
 * machinery never depends on what the jobs do. A job may run more than once (a retry, or a lease that expired while
 * a slow instance still worked on it), so a handler must be idempotent.
 */
public interface JobHandler {

    /** The kind of job this handler runs, as written in the job table. */
    String kind();

    /**
     * Does the work. A {@link io.crosscheck.problem.ProblemException} with a 4xx status means the payload can never
     * succeed: the job fails at once. Any other exception is retried with backoff.
     */
    void run(String payload);
}
