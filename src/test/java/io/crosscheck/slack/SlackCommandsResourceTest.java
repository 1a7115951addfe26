package io.crosscheck.slack;

import org.junit.jupiter.api.BeforeEach;
import io.crosscheck.figures.StoryAnalysisService;

import static io.crosscheck.slack.SlackRequests.command;
import static io.crosscheck.slack.SlackRequests.commandForm;
import static io.crosscheck.slack.SlackRequests.responses;
import static io.crosscheck.slack.SlackRequests.signed;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class SlackCommandsResourceTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    @InjectFakeSlack
    WireMockServer slack;

    @Inject
    SlackDeliveryWorker worker;

    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void drain() throws InterruptedException {
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
    }

    @Test
    void aCommandIsAckedAtOnceAndAnsweredThroughItsResponseUrl() throws Exception {
        Map<String, String> form = commandForm("C0COMMAND", "13345224609.738474920.8088930838d88f008e0",
                "How many North Korean soldiers have been killed?", "command-1", Integer.toString(slack.port()));
        SlackRequests.Timed ack = SlackRequests.timed("/slack/commands", SlackRequests.form(form),
                "application/x-www-form-urlencoded");
        System.out.println("Slack slash command acknowledged in " + ack.millis() + " ms");
        assertEquals(200, ack.status());
        assertTrue(ack.millis() < 3000, ack.millis() + " ms");
        JsonNode ackBody = json.readTree(ack.body());
        assertEquals("ephemeral", ackBody.path("response_type").asText());
        int articles = io.restassured.RestAssured.given().get("/api/articles").then().extract().path("total");
        assertEquals("Checking " + articles + " sources…", ackBody.path("text").asText());

        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        List<LoggedRequest> answers = responses(slack, "command-1");
        assertEquals(1, answers.size());
        JsonNode answer = json.readTree(answers.get(0).getBodyAsString());
        assertEquals("in_channel", answer.path("response_type").asText());
        assertEquals(false, answer.path("replace_original").asBoolean(true));
        assertTrue(!answer.path("text").asText().isBlank());
        assertTrue(answer.path("blocks").size() >= 2, answer.toString());
        assertTrue(answer.path("blocks").toString().contains("[1]"), answer.toString());

        // Slack does not retry commands, but a replayed one (same trigger) must not be answered twice
        command(form).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(1, responses(slack, "command-1").size());
    }

    @Test
    void anEmptyCommandGetsUsageHelpAndSslChecksAreAnswered() throws Exception {
        command(commandForm("C0EMPTY", "trigger-empty", "  ", "command-empty", Integer.toString(slack.port()))).then()
                .statusCode(200).body("response_type", equalTo("ephemeral")).body("text", containsString("/crosscheck <question>"));
        signed("ssl_check=1&token=ignored", "application/x-www-form-urlencoded").post("/slack/commands").then()
                .statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(0, responses(slack, "command-empty").size());
    }

    @Test
    void commandAcknowledgementIsFast() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, String> form = commandForm("C0CMDLATENCY", "trigger-latency-" + i, "How many troops did North Korea send?",
                    "latency-" + i, Integer.toString(slack.port()));
            SlackRequests.Timed ack = SlackRequests.timed("/slack/commands", SlackRequests.form(form),
                    "application/x-www-form-urlencoded");
            assertEquals(200, ack.status());
            millis.add(ack.millis());
        }
        assertTrue(worker.awaitIdle(Duration.ofSeconds(60)));
        System.out.println("Slack command ack latency, back to back: " + SlackEventsResourceTest.summary(millis));
        assertTrue(millis.stream().allMatch(m -> m < 3000), millis.toString());
        assertEquals(20, responses(slack, "latency-.*").size());
    }
}
