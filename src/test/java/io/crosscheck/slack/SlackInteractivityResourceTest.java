package io.crosscheck.slack;

import org.junit.jupiter.api.BeforeEach;
import io.crosscheck.figures.StoryAnalysisService;

import static io.crosscheck.slack.SlackRequests.event;
import static io.crosscheck.slack.SlackRequests.eventEnvelope;
import static io.crosscheck.slack.SlackRequests.formOf;
import static io.crosscheck.slack.SlackRequests.mention;
import static io.crosscheck.slack.SlackRequests.posts;
import static io.crosscheck.slack.SlackRequests.responses;
import static io.crosscheck.slack.SlackRequests.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class SlackInteractivityResourceTest {

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

    @Test
    void showSourcesExpandsTheQuotesAndVotesAreStoredOncePerUser() throws Exception {
        event(eventEnvelope("Ev0BUTTONS", mention("C0BUTTONS", "1800000700.000100", null,
                "<@" + FakeSlackResource.BOT_USER + "> How many North Korean soldiers have been killed?"))).then().statusCode(200);
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        List<LoggedRequest> replies = posts(slack, "C0BUTTONS");
        assertEquals(1, replies.size());
        JsonNode blocks = json.readTree(formOf(replies.get(0)).get("blocks"));
        JsonNode buttons = blocks.get(blocks.size() - 1).path("elements");
        assertEquals(SlackMessageRenderer.SHOW_SOURCES, buttons.get(0).path("action_id").asText());
        String value = buttons.get(0).path("value").asText();
        assertTrue(value.endsWith("|T0CROSS:C0BUTTONS:1800000700.000100"), value);

        click(SlackMessageRenderer.SHOW_SOURCES, value, "U0ASKER", "sources-1");
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        List<LoggedRequest> sources = responses(slack, "sources-1");
        assertEquals(1, sources.size());
        JsonNode expanded = json.readTree(sources.get(0).getBodyAsString());
        assertEquals("ephemeral", expanded.path("response_type").asText());
        assertTrue(expanded.path("blocks").toString().contains("&gt;") || expanded.path("blocks").toString().contains("\\n>"),
                "quotes are block-quoted: " + expanded);

        click(SlackMessageRenderer.FEEDBACK_UP, value, "U0VOTER", "vote-1");
        click(SlackMessageRenderer.FEEDBACK_DOWN, value, "U0VOTER", "vote-2");
        click(SlackMessageRenderer.FEEDBACK_UP, value, "U0OTHER", "vote-3");
        assertTrue(worker.awaitIdle(Duration.ofSeconds(30)));
        long deliveryId = Long.parseLong(value.substring(0, value.indexOf('|')));
        assertEquals(List.of("down:U0VOTER", "up:U0OTHER"), QuarkusTransaction.requiringNew().call(() -> SlackFeedback
                .<SlackFeedback> list("deliveryId = ?1 order by userId desc", deliveryId).stream()
                .map(f -> f.rating + ":" + f.userId).toList()));
        assertEquals(1, responses(slack, "vote-2").size(), "the voter is thanked");
    }

    private void click(String actionId, String value, String user, String responsePath) throws Exception {
        Map<String, Object> payload = Map.of("type", "block_actions",
                "user", Map.of("id", user), "team", Map.of("id", "T0CROSS"), "channel", Map.of("id", "C0BUTTONS"),
                "response_url", "http://localhost:" + slack.port() + "/response/" + responsePath,
                "actions", List.of(Map.of("action_id", actionId, "block_id", SlackMessageRenderer.ACTIONS_BLOCK,
                        "value", value, "type", "button")));
        signed(SlackRequests.form(Map.of("payload", json.writeValueAsString(payload))), "application/x-www-form-urlencoded")
                .post("/slack/interactivity").then().statusCode(200);
    }
}
