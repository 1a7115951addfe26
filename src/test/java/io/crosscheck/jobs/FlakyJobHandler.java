package io.crosscheck.jobs;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** A job kind for the tests: the first run of each payload fails, the second completes the payload's future. */
@ApplicationScoped
public class FlakyJobHandler implements JobHandler {

    static final String KIND = "test-flaky";

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> succeeded = new ConcurrentHashMap<>();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(String payload) {
        if (runs.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("first run of " + payload + " fails");
        }
        succeeded.computeIfAbsent(payload, p -> new CompletableFuture<>()).complete(Thread.currentThread().getName());
    }

    /** Completed with the name of the thread that ran the payload successfully. */
    CompletableFuture<String> success(String payload) {
        return succeeded.computeIfAbsent(payload, p -> new CompletableFuture<>());
    }

    int runs(String payload) {
        return runs.getOrDefault(payload, new AtomicInteger()).get();
    }
}
