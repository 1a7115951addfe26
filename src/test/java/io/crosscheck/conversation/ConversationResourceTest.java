package io.crosscheck.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Server-issued conversation ids, and turns asked at the same time in one conversation. */
@QuarkusTest
class ConversationResourceTest {

    static final String QUESTION = "How many North Korean soldiers have been killed?";

    @Test
    void theServerIssuesUnguessableIds() {
        String first = start();
        String second = start();
        assertTrue(first.matches("[A-Za-z0-9_-]{22}"), first);
        assertTrue(!first.equals(second));
    }

    @Test
    void anIdTheServerDidNotIssueIsRefusedEverywhere() {
        ask(Map.of("question", QUESTION, "conversationId", "alice")).statusCode(404)
                .contentType("application/problem+json").body("title", equalTo("Conversation not found"));
        given().contentType(ContentType.JSON).body(Map.of("question", QUESTION, "conversationId", "alice"))
                .post("/api/chat/stream").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/conversations/alice").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/conversations/alice").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAnonymousConversationIsUsableByWhoeverHoldsItsId() {
        String id = start();
        ask(Map.of("question", "and how many were wounded?", "conversationId", id)).statusCode(200)
                .body("conversationId", equalTo(id));
        given().get("/api/conversations/" + id).then().statusCode(200).body("turns", hasSize(2));
    }

    @Test
    void turnsAskedAtOnceInOneConversationAreAllAnsweredInOrder() throws Exception {
        String id = start();
        int askers = 20;
        CountDownLatch ready = new CountDownLatch(askers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(askers);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < askers; i++) {
                String question = "How many troops did North Korea send? (" + i + ")";
                statuses.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return ask(Map.of("question", question, "conversationId", id)).extract().statusCode();
                }));
            }
            ready.await();
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                codes.add(status.get());
            }
            assertEquals(IntStream.range(0, askers).mapToObj(i -> 200).toList(), codes);
        } finally {
            pool.shutdownNow();
        }
        List<Integer> ordinals = given().get("/api/conversations/" + id).then().statusCode(200).extract().path("turns.ordinal");
        assertEquals(IntStream.rangeClosed(0, askers).boxed().toList(), ordinals, "the first turn and 20 more, contiguous");
    }

    private static String start() {
        return ask(Map.of("question", QUESTION)).statusCode(200).extract().path("conversationId");
    }

    private static ValidatableResponse ask(Map<String, String> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/chat").then();
    }
}
