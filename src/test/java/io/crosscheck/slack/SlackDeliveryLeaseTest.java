package io.crosscheck.slack;

import static io.crosscheck.slack.SlackRequests.posts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.crosscheck.config.InstanceId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Two instances sharing one database, simulated by two workers with their own owner ids in one process, against the
 * fake Slack: questions held by an instance that died are answered exactly once when both recover at the same time,
 * a question a live instance holds is left to it until its lease expires, and an instance that lost its lease while
 * preparing an answer does not post it.
 */
@QuarkusTest
class SlackDeliveryLeaseTest {

    @InjectFakeSlack
    WireMockServer slack;

    @Inject
    SlackBotConfig config;

    @Inject
    SlackDeliveryService deliveries;

    @Inject
    SlackAnswerer answerer;

    @Inject
    SlackApiClient client;

    @Inject
    ObjectMapper json;

    private SlackDeliveryWorker instance(String id) {
        return new SlackDeliveryWorker(config, deliveries, answerer, client, json, InstanceId.of(id));
    }

    /** A question accepted by {@code holder}, which holds it until {@code until}. */
    private long question(String channel, String holder, OffsetDateTime until) {
        SlackDelivery mention = new SlackDelivery();
        mention.kind = SlackDelivery.EVENT;
        mention.deliveryKey = "Ev0" + channel;
        mention.teamId = "T0CROSS";
        mention.channelId = channel;
        mention.userId = "U0ASKER";
        mention.messageTs = "1800000900.000100";
        mention.threadTs = mention.messageTs;
        mention.conversationKey = "T0CROSS:" + channel + ":" + mention.messageTs;
        mention.question = "How many North Korean soldiers have been killed?";
        long id = deliveries.accept(mention).orElseThrow();
        QuarkusTransaction.requiringNew().run(() -> SlackDelivery.update("leaseOwner = ?1, leaseUntil = ?2 where id = ?3", holder,
                until, id));
        return id;
    }

    private SlackDelivery row(long id) {
        return deliveries.find(id).orElseThrow();
    }

    @Test
    void instancesRecoveringAtOnceAnswerEachQuestionOfADeadInstanceExactlyOnce() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        List<String> channels = new ArrayList<>();
        List<Long> abandoned = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            channels.add("C0LEASE0" + i);
            abandoned.add(question(channels.get(i - 1), "instance-dead", now.minusSeconds(1)));
        }
        long held = question("C0LEASEHELD", "instance-alive", now.plus(config.lease()));

        SlackDeliveryWorker a = instance("instance-a");
        SlackDeliveryWorker b = instance("instance-b");
        ExecutorService starters = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Void>>>> recoveries = new ArrayList<>();
            for (SlackDeliveryWorker worker : List.of(a, b)) {
                Callable<List<CompletableFuture<Void>>> recover = () -> {
                    start.await();
                    return worker.recover();
                };
                recoveries.add(starters.submit(recover));
            }
            start.countDown();
            for (Future<List<CompletableFuture<Void>>> recovery : recoveries) {
                CompletableFuture.allOf(recovery.get(30, TimeUnit.SECONDS).toArray(CompletableFuture[]::new))
                        .get(120, TimeUnit.SECONDS);
            }
            assertTrue(a.awaitIdle(Duration.ofSeconds(60)) && b.awaitIdle(Duration.ofSeconds(60)));

            for (int i = 0; i < abandoned.size(); i++) {
                assertEquals(1, posts(slack, channels.get(i)).size(), "answers in " + channels.get(i));
                SlackDelivery answered = row(abandoned.get(i));
                assertEquals(SlackDelivery.ANSWERED, answered.status);
                assertEquals(1, answered.attempts, "only the instance that took the question counts an attempt");
                assertNull(answered.leaseOwner);
            }
            assertEquals(0, posts(slack, "C0LEASEHELD").size(), "a question a live instance holds is left to it");
            assertEquals("instance-alive", row(held).leaseOwner);
            assertEquals(SlackDelivery.PENDING, row(held).status);

            // that instance dies too: once its lease has expired, the question is answered by one that is left
            QuarkusTransaction.requiringNew().run(() -> SlackDelivery.update("leaseUntil = ?1 where id = ?2",
                    OffsetDateTime.now().minusSeconds(1), held));
            List<CompletableFuture<Void>> takenOver = a.recover();
            assertEquals(1, takenOver.size());
            CompletableFuture.allOf(takenOver.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertEquals(0, b.recover().size());
            assertTrue(b.awaitIdle(Duration.ofSeconds(30)));
            assertEquals(1, posts(slack, "C0LEASEHELD").size());
            assertEquals(SlackDelivery.ANSWERED, row(held).status);
        } finally {
            starters.shutdownNow();
            a.onStop(null);
            b.onStop(null);
        }
    }

    @Test
    void anInstanceStoppingGivesBackTheQuestionsItHadNotStarted() {
        long id = question("C0LEASESTOP", "instance-stopping", OffsetDateTime.now().plus(config.lease()));
        SlackDeliveryWorker stopping = instance("instance-stopping");
        stopping.onStop(null);
        assertNull(row(id).leaseOwner);
        assertTrue(deliveries.startAttempt(id, "instance-b").isPresent(), "another instance takes it at once");
        deliveries.finish(id, SlackDelivery.FAILED, "test over", null);
    }

    @Test
    void anInstanceWhoseLeaseWasTakenOverMayNotPostItsAnswer() {
        long id = question("C0LEASESTALL", "instance-dead", OffsetDateTime.now().minusSeconds(1));
        assertTrue(deliveries.startAttempt(id, "instance-a").isPresent());
        assertTrue(deliveries.startAttempt(id, "instance-b").isEmpty(), "A holds it");
        assertTrue(deliveries.stillHeld(id, "instance-a"));

        // A stalls past its lease, and B takes the question over
        QuarkusTransaction.requiringNew().run(() -> SlackDelivery.update("leaseUntil = ?1 where id = ?2",
                OffsetDateTime.now().minusSeconds(1), id));
        assertEquals(2, deliveries.startAttempt(id, "instance-b").orElseThrow().attempts);
        assertFalse(deliveries.stillHeld(id, "instance-a"), "A must not post");
        assertTrue(deliveries.stillHeld(id, "instance-b"));
        deliveries.finish(id, SlackDelivery.FAILED, "test over", null);
    }
}
