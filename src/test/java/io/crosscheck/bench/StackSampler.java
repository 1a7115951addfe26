package io.crosscheck.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A poor man's sampling profiler: every few milliseconds it reads the stacks of the threads it watches and counts,
 * per thread, the innermost Crosscheck method on the stack together with the library running at the top, so that a
 * phase's time can be split into "StoryService.assign > org.h2" and the like.
 */
final class StackSampler implements AutoCloseable {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    StackSampler(long intervalMillis, String... threadNamePrefixes) {
        sampler = new Thread(() -> {
            while (running) {
                for (ThreadInfo info : threads.dumpAllThreads(false, false, 64)) {
                    String name = info.getThreadName();
                    String watched = Arrays.stream(threadNamePrefixes).filter(name::startsWith).findFirst().orElse(null);
                    if (watched == null) {
                        continue;
                    }
                    Thread.State state = info.getThreadState();
                    boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
                    // a worker asleep between jobs, or a pool thread with no Crosscheck work on its stack, is idle
                    if (waiting && Arrays.stream(info.getStackTrace()).noneMatch(f -> f.getClassName().startsWith("io.crosscheck.")
                            && !f.getClassName().startsWith("io.crosscheck.bench.") && !f.getClassName().contains("$$Lambda")
                            && !f.getMethodName().equals("sleep")
                            && !f.getMethodName().equals("loop"))) {
                        continue;
                    }
                    totals.computeIfAbsent(watched, k -> new AtomicLong()).incrementAndGet();
                    counts.computeIfAbsent(watched, k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(key(info.getStackTrace(), info.getThreadState()), k -> new AtomicLong()).incrementAndGet();
                }
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-sampler");
        sampler.setDaemon(true);
        // -Dbench.sample=false measures without the sampler's safepoints (a full thread dump every interval)
        if (Boolean.parseBoolean(System.getProperty("bench.sample", "true"))) {
            sampler.start();
        }
    }

    private static String key(StackTraceElement[] stack, Thread.State state) {
        if (stack.length == 0) {
            return "(no stack)";
        }
        String own = null;
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("io.crosscheck.") && !f.getClassName().contains("_Subclass")
                    && !f.getClassName().contains("_ClientProxy") && !f.getClassName().startsWith("io.crosscheck.bench.")) {
                own = simple(f.getClassName()) + "." + f.getMethodName();
                break;
            }
        }
        String top = stack[0].getClassName();
        String[] parts = top.split("\\.");
        String library = parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : top;
        if (top.startsWith("io.crosscheck.") || top.startsWith("java.")) {
            library = simple(top) + "." + stack[0].getMethodName();
        }
        return (own == null ? "(outside Crosscheck)" : own) + " > " + library + (state == Thread.State.BLOCKED ? " [blocked]"
                : state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING ? " [waiting]" : "");
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The {@code limit} most frequent stacks per thread, with their share of that thread's busy samples. */
    String report(int limit) {
        StringBuilder out = new StringBuilder();
        counts.forEach((thread, byKey) -> {
            long total = totals.get(thread).get();
            out.append(String.format("  thread %s: %d busy samples%n", thread, total));
            byKey.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(limit)
                    .forEach(e -> out.append(String.format("    %5.1f %%  %s%n", 100.0 * e.getValue().get() / total, e.getKey())));
        });
        return out.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
