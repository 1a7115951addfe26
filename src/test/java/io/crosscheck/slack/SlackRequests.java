package io.crosscheck.slack;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.slack.api.app_backend.SlackSignature;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** Requests signed as Slack signs them (with the SDK's generator), and readers for what the fake Slack recorded. */
final class SlackRequests {

    private static final SlackSignature.Generator SIGNER = new SlackSignature.Generator(FakeSlackResource.SIGNING_SECRET);

    private SlackRequests() {
    }

    static RequestSpecification signed(String body, String contentType) {
        return signedAt(body, contentType, Instant.now().getEpochSecond());
    }

    static RequestSpecification signedAt(String body, String contentType, long epochSeconds) {
        String timestamp = Long.toString(epochSeconds);
        // forms go as text (RestAssured encodes them itself); they are URL-encoded ASCII, so the signed bytes are the sent ones
        RequestSpecification request = given().contentType(contentType);
        request = contentType.startsWith("application/x-www-form-urlencoded") ? request.body(body)
                : request.body(body.getBytes(StandardCharsets.UTF_8));
        return request
                .header(SlackResource.TIMESTAMP, timestamp).header(SlackResource.SIGNATURE, SIGNER.generate(timestamp, body));
    }

    /** A response and how long the server took to give it, measured with a plain JDK client (no RestAssured start-up). */
    record Timed(int status, String body, long millis) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Timed timed(String path, String body, String contentType) throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Content-Type", contentType).header(SlackResource.TIMESTAMP, timestamp)
                .header(SlackResource.SIGNATURE, SIGNER.generate(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Timed(response.statusCode(), response.body(), (System.nanoTime() - started) / 1_000_000);
    }

    static Response event(String json) {
        return signed(json, "application/json").post("/slack/events");
    }

    static Response command(Map<String, String> form) {
        return signed(form(form), "application/x-www-form-urlencoded").post("/slack/commands");
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** An Events API envelope as Slack sends it, with the bot's authorization. */
    static String eventEnvelope(String eventId, String eventJson) {
        return """
                {"token":"ignored","team_id":"T0CROSS","api_app_id":"A0CROSS","type":"event_callback",
                 "event_id":"%s","event_time":1800000000,
                 "authorizations":[{"team_id":"T0CROSS","user_id":"%s","is_bot":true}],
                 "event":%s}""".formatted(eventId, FakeSlackResource.BOT_USER, eventJson);
    }

    static String mention(String channel, String ts, String threadTs, String text) {
        return """
                {"type":"app_mention","user":"U0ASKER","text":"%s","ts":"%s",%s"channel":"%s","event_ts":"%s"}"""
                .formatted(text, ts, threadTs == null ? "" : "\"thread_ts\":\"" + threadTs + "\",", channel, ts);
    }

    static List<LoggedRequest> posts(WireMockServer slack, String channel) {
        return slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + channel + "&")));
    }

    static List<LoggedRequest> responses(WireMockServer slack, String path) {
        return slack.findAll(postRequestedFor(urlPathMatching("/response/" + path)));
    }

    /** A form-encoded request body; the SDK writes thread_ts twice, with the same value. */
    static Map<String, String> formOf(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    static Map<String, String> commandForm(String channel, String trigger, String text, String responsePath, String port) {
        Map<String, String> form = new HashMap<>();
        form.put("token", "ignored");
        form.put("team_id", "T0CROSS");
        form.put("channel_id", channel);
        form.put("user_id", "U0ASKER");
        form.put("command", "/crosscheck");
        form.put("text", text);
        form.put("response_url", "http://localhost:" + port + "/response/" + responsePath);
        form.put("trigger_id", trigger);
        return form;
    }
}
