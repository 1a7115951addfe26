package io.crosscheck.embedding;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A local OpenAI-compatible {@code /v1/embeddings} server: each text's vector is a hashed bag of its words, of
 * {@link #DIMENSION} dimensions (not the in-process model's 384), so texts sharing words are near each other and the
 * same text always gets the same vector. It counts requests and texts, and can be stopped and started again on its
 * port to play a server that is down.
 */
public class FakeEmbeddingServer implements QuarkusTestResourceLifecycleManager {

    static final int DIMENSION = 64;
    static final String MODEL = "fake-embed";

    static final AtomicInteger requests = new AtomicInteger();
    static final AtomicInteger texts = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        startOn(0);
        return Map.of(
                "crosscheck.embedding.provider", "server",
                "quarkus.langchain4j.openai.embedding.base-url", "http://localhost:" + port + "/v1",
                "quarkus.langchain4j.openai.embedding.api-key", "test-key",
                "quarkus.langchain4j.openai.embedding.embedding-model.model-name", MODEL,
                "crosscheck.embedding.server.retry-backoff", "10ms");
    }

    @Override
    public void stop() {
        down();
    }

    static synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    static synchronized void up() {
        if (server == null) {
            startOn(port);
        }
    }

    private static void startOn(int wanted) {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", wanted), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/embeddings", FakeEmbeddingServer::embeddings);
        server.start();
        port = server.getAddress().getPort();
    }

    private static void embeddings(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        JsonNode input = request.get("input");
        List<String> inputs = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(text -> inputs.add(text.asText()));
        } else {
            inputs.add(input.asText());
        }
        requests.incrementAndGet();
        texts.addAndGet(inputs.size());
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            data.add(Map.of("object", "embedding", "index", i, "embedding", vector(inputs.get(i))));
        }
        byte[] body = JSON.writeValueAsBytes(Map.of("object", "list", "model", request.path("model").asText(MODEL),
                "data", data, "usage", Map.of("prompt_tokens", inputs.size(), "total_tokens", inputs.size())));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A hashed bag of words, L2-normalised; a small constant component keeps a text without words from being all zeros. */
    static float[] vector(String text) {
        float[] vector = new float[DIMENSION];
        vector[0] = 0.1f;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int hash = word.hashCode();
                vector[Math.floorMod(hash, DIMENSION - 1) + 1] += (hash & 0x100) == 0 ? 1 : -1;
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }
}
