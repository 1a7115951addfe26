package io.crosscheck.answer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A local OpenAI-compatible server (WireMock) standing in for the language model; tests script its replies. */
public class FakeOpenAiServer implements QuarkusTestResourceLifecycleManager {

    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return Map.of(
                "crosscheck.answer.llm", "true",
                "quarkus.langchain4j.openai.base-url", server.baseUrl() + "/v1",
                "quarkus.langchain4j.openai.api-key", "test-key",
                "quarkus.langchain4j.openai.chat-model.model-name", "fake-model",
                "quarkus.langchain4j.openai.max-retries", "1",
                "io.crosscheck.answer.LlmAnswerService/answer/Timeout/value", "10");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static String completion(String content) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"fake-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}"""
                .formatted(io.vertx.core.json.Json.encode(content));
    }
}
