package io.crosscheck.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * A local fake of the Slack Web API and of response_urls: records every chat.postMessage and response_url post.
 * The app is pointed at it, with a known signing secret and bot token. It is global so that every test shares one
 * application start: a second start in the same JVM cannot load the embedding model's native libraries again.
 */
@WithTestResource(value = FakeSlackResource.class, scope = TestResourceScope.GLOBAL)
public class FakeSlackResource implements QuarkusTestResourceLifecycleManager {

    static final String SIGNING_SECRET = "test-signing-secret-8f14e45fceea167a";
    static final String BOT_TOKEN = "xoxb-test-token";
    static final String BOT_USER = "UBOTCROSS";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        stubDefaults(server);
        String base = "http://localhost:" + server.port();
        return Map.of("crosscheck.slack.api-url", base + "/api/",
                "crosscheck.slack.signing-secret", SIGNING_SECRET,
                "crosscheck.slack.bot-token", BOT_TOKEN,
                "crosscheck.slack.response-url-prefixes", base + "/response/",
                "crosscheck.slack.retry.initial-backoff", "PT0.05S",
                "crosscheck.slack.assistant-status", "true");
    }

    static void stubDefaults(WireMockServer server) {
        server.stubFor(post(urlEqualTo("/api/chat.postMessage")).atPriority(10)
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1800000000.000200\"}")));
        server.stubFor(post(urlEqualTo("/api/auth.test")).atPriority(10)
                .willReturn(okJson("{\"ok\":true,\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"BBOTCROSS\"}")));
        server.stubFor(post(urlEqualTo("/api/assistant.threads.setStatus")).atPriority(10).willReturn(okJson("{\"ok\":true}")));
        server.stubFor(post(urlPathMatching("/response/.*")).atPriority(10).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectFakeSlack.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
