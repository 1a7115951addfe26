package io.crosscheck.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Tiny limits, each test calling from its own loopback address (127.0.0.x, which Linux routes to this machine), so
 * that the service sees distinct callers by socket peer address exactly as it would distinct clients. A request counts
 * whatever its outcome, so the requests here are ones the service refuses before any embedding (blank questions,
 * unknown ids): this profile restarts Quarkus, and a second start in one JVM cannot load the embedding model's native
 * library again.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TinyLimits.class)
class RateLimitTest {

    public static class TinyLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "crosscheck.rate-limit.enabled", "true",
                    "crosscheck.rate-limit.chat.requests", "2",
                    "crosscheck.rate-limit.chat.window", "1h",
                    "crosscheck.rate-limit.search.requests", "3",
                    "crosscheck.rate-limit.search.window", "1h",
                    "crosscheck.rate-limit.ingest.requests", "2",
                    "crosscheck.rate-limit.ingest.window", "1h",
                    "crosscheck.security.api-keys", READER_A + ":reader," + READER_B + ":reader," + EDITOR + ":editor");
        }
    }

    private static final String READER_A = "rate-reader-a";
    private static final String READER_B = "rate-reader-b";
    private static final String EDITOR = "rate-editor";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLANK_QUESTION = "{\"question\": \" \"}";

    @TestHTTPResource("/")
    URL service;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aCallerPastItsChatBudgetGetsA429ProblemWithRetryAfter() throws IOException {
        Peer peer = new Peer("127.0.0.11");
        assertEquals(400, peer.post("/api/chat", "application/json", BLANK_QUESTION).status, "admitted, then refused as blank");
        assertEquals(400, peer.post("/api/chat/stream", "application/json", BLANK_QUESTION).status, "the stream shares the budget");

        Reply refused = peer.post("/api/chat", "application/json", BLANK_QUESTION);
        assertEquals(429, refused.status);
        assertEquals("application/problem+json", refused.headers.get("content-type"));
        long retryAfter = Long.parseLong(refused.headers.get("retry-after"));
        // the hour-long window opened a moment ago: the next request is admitted when it ends
        assertTrue(retryAfter > 3500 && retryAfter <= 3600, "Retry-After " + retryAfter);
        JsonNode problem = JSON.readTree(refused.body);
        assertEquals(429, problem.get("status").asInt());
        assertEquals("Too many requests", problem.get("title").asText());
        assertEquals("/api/chat", problem.get("instance").asText());
        assertTrue(problem.get("detail").asText().contains("at most 2 chat requests per 3600 s"), problem.toString());

        assertEquals(429, peer.post("/api/chat/stream", "application/json", BLANK_QUESTION).status);
    }

    @Test
    void callersAreCountedApartAndClassesToo() {
        Peer first = new Peer("127.0.0.21");
        Peer second = new Peer("127.0.0.22");
        assertEquals(List.of(400, 400, 400, 429), IntStream.range(0, 4).mapToObj(i -> first.get("/api/search?q=").status).toList());

        assertEquals(400, second.get("/api/search?q=").status, "another address has its own budget");
        assertEquals(400, first.post("/api/chat", "application/json", BLANK_QUESTION).status, "chat has its own budget");
        assertEquals(200, first.get("/api/articles?size=1").status, "reading articles is not limited");
    }

    @Test
    void authenticatedCallersAreCountedByTheirKeyNotTheirAddress() {
        Peer first = new Peer("127.0.0.61", READER_A);
        Peer second = new Peer("127.0.0.61", READER_B);
        assertEquals(List.of(400, 400, 400, 429), IntStream.range(0, 4).mapToObj(i -> first.get("/api/search?q=").status).toList());
        assertEquals(400, second.get("/api/search?q=").status, "another key on the same address has its own budget");
        assertEquals(400, new Peer("127.0.0.61").get("/api/search?q=").status, "so has the address itself, anonymously");
        assertEquals(429, new Peer("127.0.0.62", READER_A).get("/api/search?q=").status,
                "the key's budget follows it to another address");
    }

    @Test
    void ingestionCountsPostsAndDeletes() {
        Peer peer = new Peer("127.0.0.31", EDITOR);
        assertEquals(404, peer.delete("/api/articles/rate-limit-probe").status);
        assertEquals(400, peer.post("/api/articles", "application/json", "{}").status);

        assertEquals(429, peer.post("/api/articles", "application/json", "{}").status);
        assertEquals(429, peer.delete("/api/articles/rate-limit-probe").status);
    }

    @Test
    void refusalsAreCountedPerClassWithoutNamingCallers() {
        Peer peer = new Peer("127.0.0.51");
        IntStream.range(0, 4).forEach(i -> peer.get("/api/search?q="));
        String metrics = RestAssured.get(management + "metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.matches("(?s).*crosscheck_rate_limit_rejections_total\\{class=\"search\"[^}]*} [1-9].*"), metrics);
        assertFalse(metrics.contains("127.0.0."), "no meter is kept per caller");
    }

    @Test
    void slackCallbacksAreNotLimited() {
        Peer peer = new Peer("127.0.0.41");
        // unsigned, so refused by the Slack verifier: but never with 429, however often Slack calls
        IntStream.range(0, 5).forEach(i -> assertNotEquals(429, peer.post("/slack/events", "application/json", "{}").status));
    }

    record Reply(int status, Map<String, String> headers, String body) {
    }

    /** A bare HTTP/1.1 client whose socket is bound to the given local address: a caller the service can tell apart. */
    private final class Peer {

        private final InetAddress local;
        private final String key;

        Peer(String address) {
            this(address, null);
        }

        Peer(String address, String key) {
            this.key = key;
            try {
                local = InetAddress.getByName(address);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Reply get(String path) {
            return send("GET", path, null, null);
        }

        Reply delete(String path) {
            return send("DELETE", path, null, null);
        }

        Reply post(String path, String contentType, String body) {
            return send("POST", path, contentType, body);
        }

        private Reply send(String method, String path, String contentType, String body) {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            if (key != null) {
                head.append("Authorization: Bearer ").append(key).append("\r\n");
            }
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(local, 0));
                socket.connect(new InetSocketAddress(InetAddress.getByName(service.getHost()), service.getPort()), 10_000);
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
                return parse(socket.getInputStream());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " from " + local, e);
            }
        }

        /** Status, headers and body (bodies here are ASCII JSON, so chunk sizes count characters). */
        private static Reply parse(InputStream in) throws IOException {
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String body = response.substring(end + 4);
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    "chunked".equals(headers.get("transfer-encoding")) ? unchunk(body) : body);
        }

        private static String unchunk(String body) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
