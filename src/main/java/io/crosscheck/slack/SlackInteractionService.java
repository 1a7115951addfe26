package io.crosscheck.slack;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.answer.ChatResponse;
import io.crosscheck.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The answer's buttons: "Show sources" posts every cited quote to the person who asked for them, and 👍/👎 are
 * stored in slack_feedback. Slack gets its 200 at once; the reply goes through the interaction's response_url.
 */
@ApplicationScoped
public class SlackInteractionService {

    private final SlackDeliveryService deliveries;
    private final SlackDeliveryWorker worker;
    private final SlackApiClient slack;
    private final SlackMessageRenderer renderer = new SlackMessageRenderer();
    private final ObjectMapper json;

    public SlackInteractionService(SlackDeliveryService deliveries, SlackDeliveryWorker worker, SlackApiClient slack,
            ObjectMapper json) {
        this.deliveries = deliveries;
        this.worker = worker;
        this.slack = slack;
        this.json = json;
    }

    public void handle(byte[] body) {
        JsonNode payload = parse(SlackForm.parse(body).get("payload"));
        if (!"block_actions".equals(payload.path("type").asText())) {
            return;
        }
        String responseUrl = payload.path("response_url").asText(null);
        String userId = payload.path("user").path("id").asText(null);
        String teamId = payload.path("team").path("id").asText(null);
        String channelId = payload.path("channel").path("id").asText(null);
        for (JsonNode action : payload.path("actions")) {
            String actionId = action.path("action_id").asText();
            Optional<ButtonValue> value = ButtonValue.parse(action.path("value").asText(""));
            if (value.isEmpty()) {
                continue;
            }
            long deliveryId = value.get().deliveryId();
            switch (actionId) {
                case SlackMessageRenderer.SHOW_SOURCES -> worker.run(() -> showSources(deliveryId, responseUrl));
                case SlackMessageRenderer.FEEDBACK_UP, SlackMessageRenderer.FEEDBACK_DOWN -> {
                    String rating = SlackMessageRenderer.FEEDBACK_UP.equals(actionId) ? SlackFeedback.UP : SlackFeedback.DOWN;
                    if (userId != null && deliveries.find(deliveryId).isPresent()) {
                        deliveries.vote(deliveryId, value.get().conversationKey(), teamId, channelId, userId, rating);
                        worker.run(() -> reply(responseUrl, renderer.text("Thanks, your "
                                + (SlackFeedback.UP.equals(rating) ? ":+1:" : ":-1:") + " is recorded.")));
                    }
                }
                default -> Log.debugf("Slack action %s ignored", actionId);
            }
        }
    }

    private void showSources(long deliveryId, String responseUrl) {
        SlackMessage message = deliveries.find(deliveryId).map(d -> d.answerJson).map(this::read).map(renderer::sources)
                .orElseGet(() -> renderer.text("The sources of this answer are no longer available."));
        reply(responseUrl, message);
    }

    private void reply(String responseUrl, SlackMessage message) {
        if (responseUrl == null) {
            return;
        }
        try {
            slack.respond(responseUrl, "ephemeral", message, false);
        } catch (SlackApiClient.SlackCallException e) {
            Log.warnf("Slack button reply not delivered: %s", e.getMessage());
        }
    }

    private ChatResponse read(String answerJson) {
        try {
            return json.readValue(answerJson, ChatResponse.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored answer unreadable", e);
        }
    }

    private JsonNode parse(String payload) {
        try {
            JsonNode node = payload == null ? null : json.readTree(payload);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new ProblemException(400, "Malformed interaction", "the payload field is not a JSON interaction");
    }

    /** The buttons' value: the answer's delivery id and its conversation key, as written by the worker. */
    record ButtonValue(long deliveryId, String conversationKey) {

        static Optional<ButtonValue> parse(String value) {
            int bar = value.indexOf('|');
            try {
                return bar <= 0 ? Optional.empty()
                        : Optional.of(new ButtonValue(Long.parseLong(value.substring(0, bar)), value.substring(bar + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }
}
