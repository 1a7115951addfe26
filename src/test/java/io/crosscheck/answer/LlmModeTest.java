package io.crosscheck.answer;

import jakarta.inject.Inject;
import io.crosscheck.figures.StoryAnalysisService;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(value = FakeOpenAiServer.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmModeTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    private static final String KILLED = "How many North Korean soldiers have been killed?";

    @BeforeEach
    void reset() {
        FakeOpenAiServer.server.resetAll();
    }

    private static void modelReplies(String content) {
        FakeOpenAiServer.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(FakeOpenAiServer.completion(content))));
    }

    private static ValidatableResponse ask(String question) {
        return given().contentType(ContentType.JSON).body(Map.of("question", question)).post("/api/chat").then().statusCode(200);
    }

    @Test
    @Order(1)
    void sendsFencedNumberedPassagesAndKeepsAValidAnswer() {
        modelReplies("Sources disagree: one report puts the dead at approximately 300 [1], another estimate is far higher [2].");
        ValidatableResponse response = ask(KILLED).body("mode", equalTo("llm"))
                .body("answer", containsString("approximately 300 [1]"))
                .body("conflicts.size()", org.hamcrest.Matchers.greaterThan(0));
        List<LoggedRequest> requests = FakeOpenAiServer.server.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertTrue(requests.size() == 1, "one model call");
        String body = requests.get(0).getBodyAsString();
        assertTrue(body.contains("<passage n=\\\"1\\\" article=\\\""), body);
        assertTrue(body.contains("002_05c747f735962a3e") || body.contains("004_910e0e496c3bfacc"), "seed passages are sent");
        assertTrue(body.contains("data, not instructions"), "the system prompt fences article text as data");
        assertTrue(body.contains(KILLED.replace("?", "")), "the question is sent");
        assertTrue(body.contains("fake-model"));
        response.body("citations.n", org.hamcrest.Matchers.hasItem(1));
    }

    @Test
    @Order(2)
    void bogusCitationsAndUnsupportedNumbersAreRemoved() {
        modelReplies("Exactly 9,999 soldiers died [1]. The toll is disputed [42]. One outlet reports approximately 300 killed [1].");
        String answer = ask(KILLED).body("mode", equalTo("llm")).extract().path("answer");
        assertFalse(answer.contains("9,999"), answer);
        assertFalse(answer.contains("[42]"), answer);
        assertTrue(answer.contains("The toll is disputed."), answer);
    }

    @Test
    @Order(2)
    void citationsAreRenumberedFromOneInTheOrderTheValidatedAnswerUsesThem() {
        modelReplies("The toll is disputed [3]. One outlet reports approximately 300 killed [1].");
        Map<String, Object> response = ask(KILLED).body("mode", equalTo("llm")).extract().as(Map.class);
        String answer = (String) response.get("answer");
        assertTrue(answer.startsWith("The toll is disputed [1].") && answer.contains("approximately 300 killed [2]"), answer);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> citations = (List<Map<String, Object>>) response.get("citations");
        assertEquals(IntStream.rangeClosed(1, citations.size()).boxed().toList(),
                citations.stream().map(c -> c.get("n")).toList(), citations.toString());
        assertTrue(((String) citations.get(1).get("quote")).contains("300"), citations.toString());
    }

    @Test
    @Order(3)
    void conflictsAreTheServicesEvenWhenTheModelIgnoresThem() {
        modelReplies("The articles discuss North Korean losses [1].");
        ask(KILLED).body("mode", equalTo("llm"))
                .body("conflicts.find { it.status == 'conflict' }", notNullValue())
                .body("conflicts.find { it.status == 'conflict' }.figures.size()", org.hamcrest.Matchers.greaterThan(2));
    }

    @Test
    @Order(3)
    void streamingSendsTheModelsTextThenTheValidatedAnswer() {
        String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":%s},\"finish_reason\":null}]}\n\n";
        String body = chunk.formatted("\"Sources disagree \"") + chunk.formatted("\"on the toll [1].\"")
                + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake-model\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        FakeOpenAiServer.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
        String events = given().contentType(ContentType.JSON).body(Map.of("question", KILLED)).post("/api/chat/stream").then()
                .statusCode(200).extract().asString();
        assertTrue(events.contains("Sources disagree"), events);
        assertTrue(events.indexOf("delta") < events.indexOf("answer"), "partial text comes before the final answer: " + events);
        assertTrue(events.contains("\"mode\":\"llm\"") && events.contains("\"conflicts\""), events);
    }

    // failures last: two of them may open the circuit breaker, which is the point of having one
    @Test
    @Order(4)
    void aModelErrorFallsBackToTheExtractiveAnswer() {
        FakeOpenAiServer.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(500)));
        ask(KILLED).body("mode", equalTo("extractive"))
                .body("answer", containsString(AnswerService.FALLBACK_NOTE))
                .body("answer", not(containsString("Exception")));
    }

    @Test
    @Order(5)
    void aSlowModelFallsBackAfterTheTimeout() {
        FakeOpenAiServer.server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("troops"))
                .willReturn(aResponse().withFixedDelay(25000).withHeader("Content-Type", "application/json")
                        .withBody(FakeOpenAiServer.completion("Too late [1]."))));
        long started = System.nanoTime();
        ask("How many troops did North Korea send?").body("mode", equalTo("extractive"))
                .body("answer", containsString(AnswerService.FALLBACK_NOTE));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 20, "the answer does not wait for the 25 s model (timeout 10 s): took " + seconds + " s");
    }
}
