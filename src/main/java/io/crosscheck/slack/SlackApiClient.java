package io.crosscheck.slack;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.webhook.WebhookResponse;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Slack Web API and {@code response_url}s through the SDK's synchronous client. Every call is retried here:
 * after a 429 it waits for Retry-After, after a timeout, network error or 5xx it backs off exponentially, a bounded
 * number of times. Nothing logged here carries the token or a full response_url (which grants posting rights).
 */
@ApplicationScoped
public class SlackApiClient {

    /** A Slack call that failed for good; the message is safe to log and store. */
    public static class SlackCallException extends Exception {
        private final String error;

        public SlackCallException(String message) {
            this(message, null);
        }

        public SlackCallException(String message, String error) {
            super(message);
            this.error = error;
        }

        /** Slack's error code ({@code invalid_blocks}, {@code channel_not_found}, …) when Slack gave one. */
        public String error() {
            return error;
        }
    }

    /** Slack's {@code ok: false} errors that are worth another attempt. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");

    private final SlackBotConfig config;
    private final ObjectMapper json;
    private final Slack slack;
    private volatile String botUserId;

    public SlackApiClient(SlackBotConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        SlackConfig sdk = new SlackConfig();
        String apiUrl = config.apiUrl();
        sdk.setMethodsEndpointUrlPrefix(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        // statistics make the SDK call auth.test behind our back and run its own background threads
        sdk.setStatsEnabled(false);
        int timeout = (int) config.retry().callTimeout().toMillis();
        sdk.setHttpClientCallTimeoutMillis(timeout);
        sdk.setHttpClientReadTimeoutMillis(timeout);
        sdk.setHttpClientWriteTimeoutMillis(timeout);
        this.slack = Slack.getInstance(sdk);
    }

    /** Posts a message (in a thread when {@code threadTs} is set) and returns its ts. */
    public String postMessage(String channel, String threadTs, SlackMessage message) throws SlackCallException {
        ChatPostMessageRequest request = ChatPostMessageRequest.builder().channel(channel).threadTs(threadTs)
                .text(message.text()).blocksAsString(message.blocks().isEmpty() ? null : write(message.blocks()))
                .unfurlLinks(false).unfurlMedia(false).build();
        ChatPostMessageResponse response = call("chat.postMessage", () -> checked(methods().chatPostMessage(request)));
        return response.getTs();
    }

    /**
     * Sets an assistant thread's status line; Slack clears it when the reply is posted. It is a courtesy, so it is
     * tried once and a failure (not an assistant thread, a missing scope) is only logged.
     */
    public void setAssistantStatus(String channel, String threadTs, String status) {
        try {
            checked(methods().assistantThreadsSetStatus(r -> r.channelId(channel).threadTs(threadTs).status(status)));
        } catch (IOException | SlackApiException | SlackError e) {
            Log.debugf("assistant.threads.setStatus not applied: %s", e.getMessage());
        }
    }

    /** Posts to a slash command's or an interaction's {@code response_url}. */
    public void respond(String responseUrl, String responseType, SlackMessage message, boolean replaceOriginal)
            throws SlackCallException {
        if (responseUrl == null || config.responseUrlPrefixes().stream().noneMatch(responseUrl::startsWith)) {
            throw new SlackCallException("response_url refused: not under crosscheck.slack.response-url-prefixes (host "
                    + host(responseUrl) + ")");
        }
        String payload = write(Map.of("response_type", responseType, "replace_original", replaceOriginal, "text",
                message.text(), "blocks", message.blocks()));
        call("response_url on " + host(responseUrl), () -> {
            WebhookResponse response = slack.send(responseUrl, payload);
            if (response.getCode() / 100 != 2) {
                List<String> retryAfter = response.getHeaders() == null ? null
                        : response.getHeaders().entrySet().stream().filter(h -> "retry-after".equalsIgnoreCase(h.getKey()))
                                .map(Map.Entry::getValue).findFirst().orElse(null);
                throw new HttpFailure(response.getCode(), retryAfter == null || retryAfter.isEmpty() ? null : retryAfter.get(0),
                        response.getBody());
            }
            return response;
        });
    }

    /** The bot's own user id, from auth.test, asked once. */
    public Optional<String> botUserId() {
        if (botUserId == null) {
            try {
                AuthTestResponse response = call("auth.test", () -> checked(methods().authTest(r -> r)));
                botUserId = response.getUserId();
            } catch (SlackCallException e) {
                Log.warnf("Could not learn the bot's user id: %s", e.getMessage());
            }
        }
        return Optional.ofNullable(botUserId);
    }

    private MethodsClient methods() {
        return slack.methods(config.botToken().orElseThrow());
    }

    @FunctionalInterface
    private interface SlackCall<T> {
        T run() throws IOException, SlackApiException, HttpFailure, SlackError;
    }

    /** A non-2xx response to a response_url post, in the same terms as the SDK's SlackApiException. */
    private static final class HttpFailure extends Exception {
        final int status;
        final String retryAfter;

        HttpFailure(int status, String retryAfter, String body) {
            super("HTTP " + status + (body == null || body.isBlank() ? "" : " " + abbreviate(body)));
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    /** An {@code ok: false} answer from a Web API method. */
    private static final class SlackError extends Exception {
        final String error;

        SlackError(String error) {
            super("error " + error);
            this.error = error;
        }
    }

    private <T> T call(String what, SlackCall<T> call) throws SlackCallException {
        SlackBotConfig.Retry retry = config.retry();
        Duration backoff = retry.initialBackoff();
        int attempts = 0;
        int rateLimited = 0;
        while (true) {
            attempts++;
            Exception failure;
            try {
                return call.run();
            } catch (SlackApiException e) {
                failure = new HttpFailure(e.getResponse().code(), e.getResponse().header("Retry-After"),
                        e.getError() == null ? null : e.getError().getError());
            } catch (HttpFailure | SlackError | IOException e) {
                failure = e;
            }
            String message = failure instanceof IOException ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                    : failure.getMessage();
            Duration wait;
            if (failure instanceof HttpFailure http && http.status == 429 && rateLimited < retry.maxRateLimitWaits()) {
                rateLimited++;
                attempts--;
                wait = retryAfter(http.retryAfter);
            } else if (retryable(failure) && attempts < retry.maxAttempts()) {
                wait = backoff;
                backoff = backoff.multipliedBy(2);
            } else {
                throw new SlackCallException(what + " failed after " + attempts + " attempt(s): " + message,
                        failure instanceof SlackError error ? error.error : null);
            }
            Log.warnf("%s: %s; retrying in %d ms", what, message, wait.toMillis());
            pause(wait, what);
        }
    }

    private static boolean retryable(Exception failure) {
        return failure instanceof IOException || failure instanceof HttpFailure http && http.status >= 500
                || failure instanceof SlackError error && TRANSIENT_ERRORS.contains(error.error);
    }

    private Duration retryAfter(String header) {
        long seconds;
        try {
            seconds = header == null ? 1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            seconds = 1;
        }
        Duration wait = Duration.ofSeconds(Math.max(0, seconds));
        return wait.compareTo(config.retry().maxRetryAfter()) > 0 ? config.retry().maxRetryAfter() : wait;
    }

    private static void pause(Duration wait, String what) throws SlackCallException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallException(what + " interrupted");
        }
    }

    private static <T extends SlackApiTextResponse> T checked(T response) throws SlackError {
        if (!response.isOk()) {
            throw new SlackError(response.getError());
        }
        return response;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Slack payload not serialisable", e);
        }
    }

    private static String host(String url) {
        try {
            return url == null ? "none" : String.valueOf(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    private static String abbreviate(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    @PreDestroy
    void close() throws Exception {
        slack.close();
    }
}
