package io.crosscheck.jobs;

/** A job to enqueue: the key that identifies its work within its kind, and the payload its handler reads. */
public record NewJob(String key, String payload) {
}
