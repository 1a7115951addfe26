package io.crosscheck.slack;

import java.util.List;
import java.util.Map;

/** A Block Kit message: {@code text} is the notification and accessibility fallback, always set. */
public record SlackMessage(String text, List<Map<String, Object>> blocks) {
}
