package io.crosscheck.jobs;

import java.util.Locale;

/** Where a job is: waiting (also between retries), held by an instance under a lease, or finished either way. */
public enum JobStatus {
    QUEUED, RUNNING, DONE, FAILED;

    /** The name the API shows. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
