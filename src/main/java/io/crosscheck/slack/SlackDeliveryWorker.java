package io.crosscheck.slack;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.answer.ChatResponse;
import io.crosscheck.config.InstanceId;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Answers accepted questions in the background, once each: a question is taken only while its row is pending, and
 * never twice at the same time in this process. Questions of one conversation go to the same single-threaded lane, so
 * that a follow-up is answered after, and with the history of, the question before it. At start-up, questions
 * accepted before a restart but not answered are answered. Instances sharing the database take a question with a
 * lease on its row, so that exactly one of them answers it; every {@code crosscheck.slack.recovery-poll} each one
 * looks for questions whose holder's lease has expired (it died) and answers them.
 */
@ApplicationScoped
public class SlackDeliveryWorker {

    static final String USAGE = "Ask me about the news articles I know, e.g. \"How many people were evacuated?\" I answer "
            + "with the passages I cite and list every source's figure where sources disagree.";

    /** Slack errors that mean "these blocks", not "this channel" or "this token". */
    private static final Set<String> BLOCK_ERRORS = Set.of("invalid_blocks", "invalid_blocks_format", "msg_too_long");

    private final SlackBotConfig config;
    private final SlackDeliveryService deliveries;
    private final SlackAnswerer answerer;
    private final SlackApiClient slack;
    private final SlackMessageRenderer renderer = new SlackMessageRenderer();
    private final ObjectMapper json;
    private final List<ExecutorService> lanes = new ArrayList<>();
    private final Map<Long, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<Void>> tasks = ConcurrentHashMap.newKeySet();
    private final String owner;
    private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "slack-recovery"));

    public SlackDeliveryWorker(SlackBotConfig config, SlackDeliveryService deliveries, SlackAnswerer answerer,
            SlackApiClient slack, ObjectMapper json, InstanceId instance) {
        this.owner = instance.value();
        this.config = config;
        this.deliveries = deliveries;
        this.answerer = answerer;
        this.slack = slack;
        this.json = json;
        for (int lane = 1; lane <= Math.max(1, config.workers()); lane++) {
            String name = "slack-answer-" + lane;
            lanes.add(Executors.newSingleThreadExecutor(r -> new Thread(r, name)));
        }
    }

    // after the search index is rebuilt from the database (CorpusService observes at the default priority)
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (config.configured()) {
            int recovered = recover().size();
            if (recovered > 0) {
                Log.infof("Answering %d Slack question(s) accepted before the restart", recovered);
            }
            long poll = config.recoveryPoll().toMillis();
            recovery.scheduleWithFixedDelay(this::recoverAbandoned, poll, poll, TimeUnit.MILLISECONDS);
        }
    }

    /** Answers the questions of instances that died holding them; a failure waits for the next poll. */
    private void recoverAbandoned() {
        try {
            int recovered = recover().size();
            if (recovered > 0) {
                Log.infof("Answering %d Slack question(s) nobody holds (an instance stopped before answering them)",
                        recovered);
            }
        } catch (RuntimeException e) {
            Log.warnf("Slack recovery: %s", e.toString());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        recovery.shutdownNow();
        lanes.forEach(ExecutorService::shutdown);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (ExecutorService lane : lanes) {
                if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    Log.warnf("%d Slack answer(s) still running at shutdown; they stay pending and are answered after restart",
                            inFlight.size());
                    lanes.forEach(ExecutorService::shutdownNow);
                    return;
                }
            }
            releaseHeld();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives back, once nothing runs here any more, the questions this instance accepted but had not started, so that
     * another instance answers them at its next poll instead of after their lease (a rolling update stops every pod).
     */
    private void releaseHeld() {
        try {
            int released = deliveries.release(owner);
            if (released > 0) {
                Log.infof("%d Slack question(s) left to the other instances at shutdown", released);
            }
        } catch (RuntimeException e) {
            Log.warnf("Slack questions not given back at shutdown (answered once their lease expires): %s", e.toString());
        }
    }

    /**
     * Answers every pending question not already being answered here and held by no other instance; returns the
     * answers started (a question another instance takes first is then left to it).
     */
    public List<CompletableFuture<Void>> recover() {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (SlackDelivery.Pending pending : deliveries.pending(owner)) {
            if (!inFlight.containsKey(pending.id())) {
                started.add(submit(pending.id(), pending.conversationKey()));
            }
        }
        return started;
    }

    /** Answers one accepted question in the background, unless it is being answered already. */
    public CompletableFuture<Void> submit(long id, String conversationKey) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> running = inFlight.putIfAbsent(id, done);
        if (running != null) {
            return running;
        }
        run(lane(conversationKey), () -> {
            try {
                process(id);
            } finally {
                inFlight.remove(id, done);
                done.complete(null);
            }
        }, () -> {
            inFlight.remove(id, done);
            done.complete(null);
        });
        return done;
    }

    /** Runs a short Slack task (a button's response) on the worker threads. */
    public CompletableFuture<Void> run(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        tasks.add(done);
        Runnable finish = () -> {
            tasks.remove(done);
            done.complete(null);
        };
        run(lanes.get(ThreadLocalRandom.current().nextInt(lanes.size())), () -> {
            try {
                task.run();
            } finally {
                finish.run();
            }
        }, () -> {
            Log.warn("Slack task dropped: shutting down");
            finish.run();
        });
        return done;
    }

    /** Waits until no question is being answered and no task runs; true when that happened within the timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inFlight.isEmpty() || !tasks.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            List<CompletableFuture<Void>> running = new ArrayList<>(inFlight.values());
            running.addAll(tasks);
            try {
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the loop checks the deadline; these futures never complete exceptionally
            }
        }
        return true;
    }

    private ExecutorService lane(String conversationKey) {
        return lanes.get(Math.floorMod(conversationKey == null ? 0 : conversationKey.hashCode(), lanes.size()));
    }

    private static void run(ExecutorService lane, Runnable task, Runnable rejected) {
        try {
            lane.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    Log.error("Slack task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }

    private void process(long id) {
        SlackDelivery delivery = deliveries.startAttempt(id, owner).orElse(null);
        if (delivery == null) {
            return;
        }
        if (SlackDelivery.COMMAND.equals(delivery.kind)
                && delivery.receivedAt.plus(config.responseUrlValidity()).isBefore(OffsetDateTime.now())) {
            Log.warnf("Slack command %d not answered: its response_url has expired", id);
            deliveries.finish(id, SlackDelivery.EXPIRED, "response_url expired before the answer", null);
            return;
        }
        if (config.assistantStatus() && SlackDelivery.EVENT.equals(delivery.kind) && !delivery.question.isBlank()) {
            slack.setAssistantStatus(delivery.channelId, delivery.threadTs, "is checking sources…");
        }
        ChatResponse response = null;
        SlackMessage message;
        String answerError = null;
        long started = System.nanoTime();
        try {
            if (delivery.question.isBlank()) {
                message = renderer.text(USAGE);
            } else {
                response = answerer.answer(delivery.question, delivery.conversationKey);
                message = renderer.answer(response, buttonValue(id, delivery.conversationKey));
            }
        } catch (RuntimeException e) {
            Log.errorf(e, "Slack question %d could not be answered", id);
            answerError = "answer failed: " + e.getClass().getSimpleName();
            message = renderer.text("Sorry, I could not answer this just now. Please ask again in a moment.");
        }
        if (!deliveries.stillHeld(id, owner)) {
            Log.warnf("Slack %s %d not posted from here: its lease expired and another instance took it over", delivery.kind,
                    id);
            return;
        }
        try {
            String replyTs = deliver(delivery, message);
            String answerJson = response == null ? null : write(response);
            if (answerError == null) {
                deliveries.answered(id, replyTs, answerJson);
            } else {
                deliveries.finish(id, SlackDelivery.FAILED, answerError, null);
            }
            Log.infof("Slack %s %d answered in %d ms (attempt %d)", delivery.kind, id, (System.nanoTime() - started) / 1_000_000,
                    delivery.attempts);
        } catch (SlackApiClient.SlackCallException e) {
            Log.errorf("Slack %s %d not delivered: %s", delivery.kind, id, e.getMessage());
            deliveries.finish(id, SlackDelivery.FAILED, e.getMessage(), null);
        }
    }

    private String deliver(SlackDelivery delivery, SlackMessage message) throws SlackApiClient.SlackCallException {
        if (SlackDelivery.COMMAND.equals(delivery.kind)) {
            String visibility = "ephemeral".equalsIgnoreCase(config.commandVisibility()) ? "ephemeral" : "in_channel";
            slack.respond(delivery.responseUrl, visibility, message, false);
            return null;
        }
        try {
            return slack.postMessage(delivery.channelId, delivery.threadTs, message);
        } catch (SlackApiClient.SlackCallException e) {
            if (e.error() == null || !BLOCK_ERRORS.contains(e.error())) {
                throw e;
            }
            // the answer still reaches the asker, as plain text, if Slack ever refuses our blocks
            Log.warnf("Slack refused the blocks of delivery %d (%s): posting the text only", delivery.id, e.error());
            return slack.postMessage(delivery.channelId, delivery.threadTs, new SlackMessage(message.text(), List.of()));
        }
    }

    /** What the buttons carry: the answer's row (for its quotes and votes) and the conversation key. */
    static String buttonValue(long deliveryId, String conversationKey) {
        return deliveryId + "|" + conversationKey;
    }

    private String write(ChatResponse response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }
}
