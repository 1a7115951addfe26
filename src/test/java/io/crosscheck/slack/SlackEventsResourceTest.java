package io.crosscheck.slack;

import org.junit.jupiter.api.BeforeEach;
import io.crosscheck.figures.StoryAnalysisService;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.crosscheck.slack.SlackRequests.event;
import static io.crosscheck.slack.SlackRequests.eventEnvelope;
import static io.crosscheck.slack.SlackRequests.formOf;
import static io.crosscheck.slack.SlackRequests.mention;
import static io.crosscheck.slack.SlackRequests.posts;
import static io.crosscheck.slack.SlackRequests.signed;
import static io.crosscheck.slack.SlackRequests.signedAt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class SlackEventsResourceTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    private static final String QUESTION = "How many North Korean soldiers have been killed?";

    @InjectFakeSlack
    WireMockServer slack;

    @Inject
    SlackDeliveryWorker worker;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void drain() throws InterruptedException {
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)), "background answers finish");
    }

    @Test
    void urlVerificationEchoesTheChallenge() {
        event("{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}")
                .then().statusCode(200).body("challenge", equalTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    @Test
    void unsignedOrBadlySignedRequestsAreRefusedBeforeParsing() {
        String body = "{\"type\":\"url_verification\",\"challenge\":\"c\"}";
        long now = Instant.now().getEpochSecond();
        signedAt(body, "application/json", now - 310).post("/slack/events").then().statusCode(401)
                .contentType("application/problem+json").body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("the request timestamp is too old")).body("instance", equalTo("/slack/events"));
        signedAt(body, "application/json", now + 310).post("/slack/events").then().statusCode(401)
                .body("detail", equalTo("the request timestamp is in the future"));
        given().contentType("application/json").body(body).header(SlackResource.TIMESTAMP, Long.toString(now))
                .header(SlackResource.SIGNATURE, "v0=" + "0".repeat(64)).post("/slack/events")
                .then().statusCode(401).body("detail", equalTo("the signature does not match the request"));
        // signed for another body: the signature covers the raw bytes
        signed(body, "application/json").body(body.replace("\"c\"", "\"d\"")).post("/slack/events").then().statusCode(401)
                .body("detail", equalTo("the signature does not match the request"));
        given().contentType("application/json").body(body).post("/slack/events").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401)).body("type", equalTo("about:blank"));
        given().contentType("application/json").body(body).header(SlackResource.TIMESTAMP, Long.toString(now))
                .post("/slack/events").then().statusCode(401);
        signedAt(body, "application/json", now - 290).post("/slack/events").then().statusCode(200);
        given().contentType("application/x-www-form-urlencoded").body("text=hello").post("/slack/commands").then()
                .statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body("payload=%7B%7D").post("/slack/interactivity").then()
                .statusCode(401);
    }

    @Test
    void aMentionIsAnsweredOnceInItsThreadWithCitedSeedArticles() throws Exception {
        String ts = "1800000100.000100";
        event(eventEnvelope("Ev0MENTION1", mention("C0MENTION", ts, null, "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION)))
                .then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));

        List<LoggedRequest> replies = posts(slack, "C0MENTION");
        assertEquals(1, replies.size());
        Map<String, String> reply = formOf(replies.get(0));
        assertEquals("C0MENTION", reply.get("channel"));
        assertEquals(ts, reply.get("thread_ts"));
        assertFalse(reply.get("text").isBlank(), "fallback text is set");
        assertTrue(replies.get(0).getHeader("Authorization").equals("Bearer " + FakeSlackResource.BOT_TOKEN));
        JsonNode blocks = json.readTree(reply.get("blocks"));
        assertTrue(blocks.size() >= 2 && blocks.size() <= SlackMessageRenderer.MAX_BLOCKS, blocks.toString());
        String rendered = blocks.toString();
        assertTrue(rendered.contains("[1]"), rendered);
        assertTrue(rendered.contains("North Korean"), rendered);
        assertTrue(rendered.matches("(?s).*\\b(300|4,000)\\b.*"), "a casualty figure is quoted: " + rendered);
        assertTrue(rendered.contains(SlackMessageRenderer.SHOW_SOURCES), rendered);
        assertTrue(rendered.contains("Conflicting figures"), "the conflicting figures section: " + rendered);
        for (String figure : new String[] { "up to 40%", "as high as 4,000", "approximately 300" }) {
            assertTrue(rendered.contains(figure), figure + " is listed: " + rendered);
        }
        for (String source : new String[] { "U.S. and Ukrainian intelligence officials", "Ukrainian military officials" }) {
            assertTrue(rendered.contains(source), "attributed to " + source + ": " + rendered);
        }
        System.out.println("Slack reply blocks for the seed question: " + rendered);
    }

    @Test
    void questionsInOneThreadAreOneConversationAnsweredInOrder() throws Exception {
        String parent = "1800000200.000100";
        event(eventEnvelope("Ev0FOLLOW1", mention("C0FOLLOW", parent, null, "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION)))
                .then().statusCode(200);
        event(eventEnvelope("Ev0FOLLOW2", mention("C0FOLLOW", "1800000200.000900", parent,
                "<@" + FakeSlackResource.BOT_USER + "> and how many were wounded?"))).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));

        List<LoggedRequest> replies = posts(slack, "C0FOLLOW");
        assertEquals(2, replies.size());
        replies.forEach(reply -> assertEquals(parent, formOf(reply).get("thread_ts")));
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            SlackDelivery first = SlackDelivery.find("deliveryKey", "Ev0FOLLOW1").firstResult();
            SlackDelivery second = SlackDelivery.find("deliveryKey", "Ev0FOLLOW2").firstResult();
            assertEquals(first.conversationKey, second.conversationKey);
            assertEquals("T0CROSS:C0FOLLOW:" + parent, first.conversationKey);
            assertTrue(!second.answeredAt.isBefore(first.answeredAt), "the follow-up is answered after the first question");
            assertEquals(1, SlackConversation.count("conversationKey", first.conversationKey));
        });
    }

    @Test
    void retriesAndRedeliveriesAreAcknowledgedWithoutASecondAnswer() throws Exception {
        String envelope = eventEnvelope("Ev0RETRY1", mention("C0RETRY", "1800000300.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION));
        event(envelope).then().statusCode(200);
        signed(envelope, "application/json").header("X-Slack-Retry-Num", "1").header("X-Slack-Retry-Reason", "http_timeout")
                .post("/slack/events").then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        signed(envelope, "application/json").header("X-Slack-Retry-Num", "2").post("/slack/events").then().statusCode(200);
        // the same message delivered again under another event id
        event(eventEnvelope("Ev0RETRY2", mention("C0RETRY", "1800000300.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION))).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(1, posts(slack, "C0RETRY").size());
    }

    @Test
    void concurrentCopiesOfOneEventGetOneAnswer() throws Exception {
        String envelope = eventEnvelope("Ev0RACE1", mention("C0RACE", "1800000350.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION));
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<SlackRequests.Timed>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sent.add(senders.submit(() -> SlackRequests.timed("/slack/events", envelope, "application/json")));
            }
            for (Future<SlackRequests.Timed> response : sent) {
                assertEquals(200, response.get(30, TimeUnit.SECONDS).status());
            }
        } finally {
            senders.shutdown();
        }
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(1, posts(slack, "C0RACE").size());
    }

    @Test
    void directMessagesAreAnsweredButBotsEditsAndOwnMessagesAreNot() throws Exception {
        event(eventEnvelope("Ev0DM1", """
                {"type":"message","channel_type":"im","user":"U0ASKER","text":"How many troops did North Korea send?",
                 "ts":"1800000400.000100","channel":"D0DIRECT"}""")).then().statusCode(200);
        event(eventEnvelope("Ev0OWN1", """
                {"type":"message","channel_type":"im","user":"%s","text":"an answer","ts":"1800000400.000200",
                 "channel":"D0OWN"}""".formatted(FakeSlackResource.BOT_USER))).then().statusCode(200);
        event(eventEnvelope("Ev0BOT1", """
                {"type":"message","channel_type":"im","user":"U0OTHERBOT","bot_id":"B0OTHER","text":"beep",
                 "ts":"1800000400.000300","channel":"D0BOT"}""")).then().statusCode(200);
        event(eventEnvelope("Ev0EDIT1", """
                {"type":"message","subtype":"message_changed","channel_type":"im","user":"U0ASKER","text":"edited",
                 "ts":"1800000400.000400","channel":"D0EDIT"}""")).then().statusCode(200);
        event(eventEnvelope("Ev0CHAN1", """
                {"type":"message","channel_type":"channel","user":"U0ASKER","text":"chatter","ts":"1800000400.000500",
                 "channel":"C0CHATTER"}""")).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        List<LoggedRequest> dm = posts(slack, "D0DIRECT");
        assertEquals(1, dm.size());
        assertEquals("1800000400.000100", formOf(dm.get(0)).get("thread_ts"));
        List<LoggedRequest> status = slack.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(urlEqualTo("/api/assistant.threads.setStatus")).withRequestBody(containing("channel_id=D0DIRECT&")));
        assertEquals(1, status.size());
        assertEquals("is checking sources…", formOf(status.get(0)).get("status"));
        assertTrue(status.get(0).getLoggedDate().compareTo(dm.get(0).getLoggedDate()) <= 0, "the status comes before the answer");
        for (String channel : List.of("D0OWN", "D0BOT", "D0EDIT", "C0CHATTER")) {
            assertEquals(0, posts(slack, channel).size(), channel);
        }
    }

    @Test
    void aRateLimitedPostIsRetriedAfterRetryAfter() throws Exception {
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0LIMITED&"))
                .inScenario("rate-limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("allowed"));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0LIMITED&"))
                .inScenario("rate-limited").whenScenarioStateIs("allowed")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0LIMITED\",\"ts\":\"1800000500.000900\"}")));

        event(eventEnvelope("Ev0LIMIT1", mention("C0LIMITED", "1800000500.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION))).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));

        List<LoggedRequest> attempts = new ArrayList<>(posts(slack, "C0LIMITED"));
        assertEquals(2, attempts.size(), "one rate-limited attempt, one successful");
        Collections.sort(attempts, (a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        long waited = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
        assertTrue(waited >= 1000, "waited for Retry-After: " + waited + " ms");
        assertEquals("answered", deliveryStatus("Ev0LIMIT1"));
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndPermanentErrorsAreNot() throws Exception {
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0FLAKY&"))
                .inScenario("flaky").whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("still-down"));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0FLAKY&"))
                .inScenario("flaky").whenScenarioStateIs("still-down")
                .willReturn(aResponse().withFixedDelay(200).withStatus(502)).willSetStateTo("up"));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0FLAKY&"))
                .inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0FLAKY\",\"ts\":\"1800000550.000900\"}")));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0GONE&"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        event(eventEnvelope("Ev0FLAKY1", mention("C0FLAKY", "1800000550.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION))).then().statusCode(200);
        event(eventEnvelope("Ev0GONE1", mention("C0GONE", "1800000550.000200", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION))).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));

        assertEquals(3, posts(slack, "C0FLAKY").size(), "two server errors, then success");
        assertEquals("answered", deliveryStatus("Ev0FLAKY1"));
        assertEquals(1, posts(slack, "C0GONE").size(), "channel_not_found is not retried");
        assertEquals("failed", deliveryStatus("Ev0GONE1"));
    }

    @Test
    void refusedBlocksFallBackToTheTextAnswer() throws Exception {
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(1).withRequestBody(containing("channel=C0BLOCKS&"))
                .withRequestBody(containing("blocks=")).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_blocks\"}")));
        slack.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(2).withRequestBody(containing("channel=C0BLOCKS&"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0BLOCKS\",\"ts\":\"1800000560.000900\"}")));
        event(eventEnvelope("Ev0BLOCKS1", mention("C0BLOCKS", "1800000560.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION))).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        List<LoggedRequest> attempts = posts(slack, "C0BLOCKS");
        assertEquals(2, attempts.size());
        Map<String, String> textOnly = formOf(attempts.stream().filter(r -> !r.getBodyAsString().contains("blocks="))
                .findFirst().orElseThrow());
        assertTrue(textOnly.get("text").contains("[1]"), textOnly.toString());
        assertEquals("answered", deliveryStatus("Ev0BLOCKS1"));
    }

    @Test
    void eventAcknowledgementIsFast() throws Exception {
        List<Long> idle = new ArrayList<>();
        List<Long> busy = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String body = eventEnvelope("Ev0LATENCY" + i, mention("C0LATENCY", "1800000600.%06d".formatted(i), null,
                    "<@" + FakeSlackResource.BOT_USER + "> " + QUESTION));
            SlackRequests.Timed ack = SlackRequests.timed("/slack/events", body, "application/json");
            assertEquals(200, ack.status());
            // the first ten wait for their answer (a quiet server), the rest arrive while earlier answers are computed
            (i < 10 ? idle : busy).add(ack.millis());
            if (i < 10) {
                assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
            }
        }
        assertTrue(worker.awaitIdle(Duration.ofSeconds(60)));
        System.out.println("Slack event ack latency, idle server: " + summary(idle));
        System.out.println("Slack event ack latency, while answering earlier questions: " + summary(busy));
        assertTrue(Collections.max(idle) < 3000 && Collections.max(busy) < 3000, idle + " " + busy);
        assertEquals(30, posts(slack, "C0LATENCY").size());
    }

    static String summary(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return "n=%d p50 %d ms, p95 %d ms, max %d ms".formatted(sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1));
    }

    private static String deliveryStatus(String eventId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> SlackDelivery
                .<SlackDelivery> find("deliveryKey", eventId).firstResult().status);
    }
}
