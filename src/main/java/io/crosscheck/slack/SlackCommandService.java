package io.crosscheck.slack;

import java.util.Map;
import java.util.Optional;

import io.crosscheck.text.Hashes;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code /crosscheck <question>} slash command: acknowledged at once with an ephemeral "Checking N sources…",
 * answered later through the command's response_url. The question is recorded before the acknowledgement, so that
 * a restart in between still answers it, once.
 */
@ApplicationScoped
public class SlackCommandService {

    private final SlackDeliveryService deliveries;
    private final SlackDeliveryWorker worker;
    private final SlackAnswerer answerer;

    public SlackCommandService(SlackDeliveryService deliveries, SlackDeliveryWorker worker, SlackAnswerer answerer) {
        this.deliveries = deliveries;
        this.worker = worker;
        this.answerer = answerer;
    }

    /** Handles a verified command; returns the acknowledgement body, or empty for Slack's ssl_check ping. */
    public Optional<Map<String, Object>> handle(byte[] body, String timestamp) {
        Map<String, String> form = SlackForm.parse(body);
        if ("1".equals(form.get("ssl_check"))) {
            return Optional.empty();
        }
        String question = SlackEventService.question(form.getOrDefault("text", ""));
        String command = form.getOrDefault("command", "/crosscheck");
        if (question.isBlank()) {
            return Optional.of(ephemeral("Usage: `" + command + " <question>`, e.g. `" + command
                    + " How many people were evacuated?`. " + SlackDeliveryWorker.USAGE));
        }
        SlackDelivery delivery = new SlackDelivery();
        delivery.kind = SlackDelivery.COMMAND;
        delivery.teamId = form.getOrDefault("team_id", "");
        delivery.channelId = form.get("channel_id");
        delivery.userId = form.get("user_id");
        delivery.question = question;
        delivery.responseUrl = form.get("response_url");
        // commands have no thread: one user's commands in one channel are one conversation
        delivery.conversationKey = delivery.teamId + ":" + delivery.channelId + ":" + delivery.userId;
        String trigger = form.get("trigger_id");
        delivery.deliveryKey = "command:" + (trigger != null && !trigger.isBlank() ? trigger
                : Hashes.sha256Hex(delivery.teamId + "|" + delivery.channelId + "|" + delivery.userId + "|" + timestamp + "|" + question));
        Optional<Long> accepted = deliveries.accept(delivery);
        accepted.ifPresentOrElse(id -> worker.submit(id, delivery.conversationKey),
                () -> Log.debugf("Slack command %s already accepted: acknowledged without a second answer", delivery.deliveryKey));
        return Optional.of(ephemeral("Checking " + answerer.sourceCount() + " sources…"));
    }

    private static Map<String, Object> ephemeral(String text) {
        return Map.of("response_type", "ephemeral", "text", text);
    }
}
