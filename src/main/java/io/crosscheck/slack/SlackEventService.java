package io.crosscheck.slack;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.problem.ProblemException;
import io.crosscheck.text.TextCleaner;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Events API callbacks: answers the URL verification challenge, and accepts mentions and direct messages as
 * questions answered in their thread. Retries (same event_id) and re-deliveries (same channel and ts) are
 * recognised by the delivery table, so that they are acknowledged without a second answer.
 */
@ApplicationScoped
public class SlackEventService {

    private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*(<@[A-Z0-9]+(\\|[^>]*)?>[\\s,:]*)+");

    private final SlackBotConfig config;
    private final SlackDeliveryService deliveries;
    private final SlackDeliveryWorker worker;
    private final SlackApiClient slack;
    private final ObjectMapper json;

    public SlackEventService(SlackBotConfig config, SlackDeliveryService deliveries, SlackDeliveryWorker worker,
            SlackApiClient slack, ObjectMapper json) {
        this.config = config;
        this.deliveries = deliveries;
        this.worker = worker;
        this.slack = slack;
        this.json = json;
    }

    /** Handles a verified callback; returns the body of the 200 response (the challenge), if any. */
    public Optional<Map<String, String>> handle(byte[] body, String retryNum) {
        JsonNode envelope = parse(body);
        String type = envelope.path("type").asText();
        if ("url_verification".equals(type)) {
            return Optional.of(Map.of("challenge", envelope.path("challenge").asText()));
        }
        if (!"event_callback".equals(type)) {
            return Optional.empty();
        }
        JsonNode event = envelope.path("event");
        if (!isQuestion(envelope, event)) {
            return Optional.empty();
        }
        SlackDelivery delivery = new SlackDelivery();
        delivery.kind = SlackDelivery.EVENT;
        delivery.deliveryKey = envelope.path("event_id").asText(null);
        delivery.teamId = text(envelope, "team_id").or(() -> text(event, "team")).orElse("");
        delivery.channelId = event.path("channel").asText();
        delivery.userId = event.path("user").asText(null);
        delivery.messageTs = event.path("ts").asText();
        delivery.threadTs = text(event, "thread_ts").orElse(delivery.messageTs);
        delivery.conversationKey = delivery.teamId + ":" + delivery.channelId + ":" + delivery.threadTs;
        delivery.question = question(event.path("text").asText(""));
        if (delivery.deliveryKey == null) {
            delivery.deliveryKey = "message:" + delivery.channelId + ":" + delivery.messageTs;
        }
        Optional<Long> accepted = deliveries.accept(delivery);
        if (accepted.isPresent()) {
            worker.submit(accepted.get(), delivery.conversationKey);
        } else {
            Log.debugf("Slack event %s already accepted (retry %s): acknowledged without a second answer",
                    delivery.deliveryKey, retryNum == null ? "none" : retryNum);
        }
        return Optional.empty();
    }

    /** A mention in a channel or a message in a DM, from a person: not a bot, not an edit, join or other subtype. */
    private boolean isQuestion(JsonNode envelope, JsonNode event) {
        String type = event.path("type").asText();
        boolean asked = "app_mention".equals(type) || "message".equals(type) && "im".equals(event.path("channel_type").asText());
        if (!asked || event.hasNonNull("subtype") || event.hasNonNull("bot_id") || event.hasNonNull("bot_profile")
                || !event.hasNonNull("user") || !event.hasNonNull("channel") || !event.hasNonNull("ts")) {
            return false;
        }
        return !event.path("user").asText().equals(botUserId(envelope).orElse(null));
    }

    private Optional<String> botUserId(JsonNode envelope) {
        for (JsonNode authorization : envelope.path("authorizations")) {
            if (authorization.path("is_bot").asBoolean(true) && authorization.hasNonNull("user_id")) {
                return Optional.of(authorization.path("user_id").asText());
            }
        }
        return config.botUserId().or(slack::botUserId);
    }

    /**
     * The question without the leading @mention of the bot, with Slack's escaping undone, and without the control
     * characters and unpaired surrogates no question is stored with (PostgreSQL refuses a NUL).
     */
    static String question(String text) {
        return TextCleaner.withoutControlCharacters(LEADING_MENTION.matcher(text).replaceFirst("").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&")).strip();
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new ProblemException(400, "Malformed event", "the body is not a JSON event");
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.path(field).asText().isBlank() ? Optional.of(node.path(field).asText())
                : Optional.empty();
    }
}
