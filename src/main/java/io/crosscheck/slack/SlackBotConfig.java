package io.crosscheck.slack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Slack bot's settings; every one is documented in docs/slack.md. The bot is on only when both the signing
 * secret and the bot token are set; otherwise every {@code /slack/*} endpoint answers 404.
 */
@ConfigMapping(prefix = "crosscheck.slack")
public interface SlackBotConfig {

    /** The app's signing secret (Basic Information → App Credentials); read from {@code SLACK_SIGNING_SECRET}. */
    Optional<String> signingSecret();

    /** The bot user OAuth token ({@code xoxb-…}); read from {@code SLACK_BOT_TOKEN}. */
    Optional<String> botToken();

    /** Base URL of the Slack Web API; tests point it at a local fake. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();

    /** Who sees a slash command's answer: {@code in_channel} (everyone in the channel) or {@code ephemeral} (the asker). */
    @WithDefault("in_channel")
    String commandVisibility();

    /**
     * The bot's own user id, to ignore its own messages. Normally left unset: it is taken from the event envelope's
     * {@code authorizations}, else from {@code auth.test}.
     */
    Optional<String> botUserId();

    /** {@code response_url}s are only followed when they start with one of these prefixes. */
    @WithDefault("https://hooks.slack.com/")
    List<String> responseUrlPrefixes();

    /** Slash commands not answered within this time after they were received are dropped: their response_url expires at 30 min. */
    @WithDefault("PT29M")
    Duration responseUrlValidity();

    /** Largest allowed difference between a request's timestamp and the server clock, past or future. */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    /** Threads answering questions in the background; the questions of one conversation are answered in order, on one. */
    @WithDefault("2")
    int workers();

    /**
     * Show "is checking sources…" in Slack's AI-assistant threads while an answer is prepared
     * ({@code assistant.threads.setStatus}; needs the {@code assistant:write} scope and the app's Agents &amp; AI Apps feature).
     */
    @WithDefault("false")
    boolean assistantStatus();

    /**
     * How long the instance answering a question holds it. Another instance sharing the database answers it only
     * after this, so it bounds how late a question held by an instance that died is answered; it must exceed the
     * longest answer (the LLM's 30 s timeout plus Slack's retries).
     */
    @WithDefault("PT2M")
    Duration lease();

    /** How often each instance looks for questions nobody holds (a dead instance's, or accepted before a restart). */
    @WithDefault("PT30S")
    Duration recoveryPoll();

    Retry retry();

    interface Retry {
        /** Attempts per Web API call on timeouts, network errors and 5xx responses. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the second attempt; doubled before each later one. */
        @WithDefault("PT1S")
        Duration initialBackoff();

        /** Rate-limited (HTTP 429) responses tolerated per call; each waits for the response's Retry-After. */
        @WithDefault("5")
        int maxRateLimitWaits();

        /** Longest Retry-After honoured; a longer one is capped to this. */
        @WithDefault("PT60S")
        Duration maxRetryAfter();

        /** Timeout of one HTTP call to Slack. */
        @WithDefault("PT10S")
        Duration callTimeout();
    }

    default boolean configured() {
        return signingSecret().filter(s -> !s.isBlank()).isPresent() && botToken().filter(s -> !s.isBlank()).isPresent();
    }
}
