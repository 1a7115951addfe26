package io.crosscheck.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every bad input found by probing the packaged service gets a 4xx with an RFC 9457 problem body that says what was
 * wrong, and nothing reaches the database that does not fit it. Limits are written out here on purpose: they are
 * the API's contract (docs/api.md), so a change to them must change this table too.
 */
@QuarkusTest
class BadInputTest {

    private static final String STORY = "Harbour bridge reopens after repairs\n\n"
            + "The harbour bridge reopened on Monday after six weeks of repairs, the city's transport office said. "
            + "About 40,000 vehicles cross it every day, according to the port authority.";

    /** Stored (201), or already stored (200) when the tests run again on a persistent database. */
    private static final Matcher<Integer> STORED = anyOf(equalTo(200), equalTo(201));

    /** One row of the table: a request, the status it must get and a word its detail must contain. */
    record Probe(String name, String method, String path, String contentType, String body, int status, String detailNames) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> probes() {
        return Stream.of(
                json("title over its column (1,000)", "/api/articles", article("title", "t".repeat(1001)), 400,
                        "title has 1001 characters; the limit is 1000"),
                json("outlet over its column (300)", "/api/articles", article("outlet", "o".repeat(301)), 400, "outlet"),
                json("url over its column (2,000)", "/api/articles", article("url", "https://example.com/" + "u".repeat(1990)), 400, "url"),
                new Probe("title over its column, raw upload", "POST", "/api/articles?title=" + "t".repeat(1001), "text/plain", STORY,
                        400, "title"),
                json("article body over crosscheck.ingest.max-chars", "/api/articles",
                        "{\"text\":\"" + "word ".repeat(100_001) + "\"}", 400, "max-chars"),
                get("page overflow on articles", "/api/articles?page=2147483647", 400, "page"),
                get("page overflow on conflicts", "/api/conflicts?page=2147483647", 400, "page"),
                get("page overflow on figures", "/api/figures?page=2147483647", 400, "page"),
                get("page overflow on stories", "/api/stories?page=2147483647", 400, "page"),
                get("size overflow on articles", "/api/articles?size=2147483647", 400, "size"),
                get("k not a number", "/api/search?q=bridge&k=abc", 400, "k must be a whole number"),
                get("k not a whole number", "/api/search?q=bridge&k=1.5", 400, "k must be a whole number"),
                get("page not a number on articles", "/api/articles?page=abc", 400, "page must be a whole number"),
                get("size not a number on figures", "/api/figures?size=abc", 400, "size"),
                get("page not a number on stories", "/api/stories?page=abc", 400, "page"),
                get("page not a number on conflicts", "/api/conflicts?page=1e3", 400, "page"),
                json("chat body is an array", "/api/chat", "[1,2]", 400, "the request body must be a JSON object"),
                json("chat question is an object", "/api/chat", "{\"question\":{}}", 400, "question must be a string"),
                json("streamed chat body is an array", "/api/chat/stream", "[1,2]", 400, "object"),
                json("article body is an array", "/api/articles", "[1,2]", 400, "object"),
                json("article text is an object", "/api/articles", "{\"text\":{}}", 400, "text"),
                json("article title is an array", "/api/articles", "{\"text\":\"Some text.\",\"title\":[1]}", 400,
                        "title must be a string"),
                json("blank conversation id", "/api/chat", "{\"question\":\"How many vehicles?\",\"conversationId\":\"\"}", 400,
                        "conversationId"),
                json("whitespace conversation id", "/api/chat", "{\"question\":\"How many vehicles?\",\"conversationId\":\"  \"}",
                        400, "conversationId: must not be blank"),
                json("question over 2,000 characters", "/api/chat", "{\"question\":\"" + "q".repeat(2001) + "\"}", 400, "question"),
                json("question of NUL bytes only", "/api/chat", "{\"question\":\"\\u0000\\u0000\"}", 400, "question"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void badInputIsAProblemWithABody(Probe probe) {
        RequestSpecification request = given();
        if (probe.body() != null) {
            request = request.contentType(probe.contentType()).body(probe.body());
        }
        request.request(probe.method(), probe.path()).then()
                .statusCode(probe.status())
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(probe.status()))
                .body("title", allOf(notNullValue(), not(equalTo(""))))
                .body("detail", containsString(probe.detailNames()));
    }

    @Test
    void nulBytesAndLoneSurrogatesNeverReachTheDatabase() {
        String body = "{\"title\":\"Ferry\\u0000 strike ends\",\"outlet\":\"Coast\\ud800 Post\","
                + "\"text\":\"Ferry strike ends\\n\\nThe ferry strike ended on Friday\\u0000 after nine days, the union said.\\udc00 "
                + "About 12,000 passengers were stranded, according to the operator.\"}";
        String id = given().contentType(ContentType.JSON).body(body).post("/api/articles").then().statusCode(STORED)
                .extract().path("id");
        Map<String, Object> stored = given().get("/api/articles/" + id).then().statusCode(200).extract().path("");
        for (String field : List.of("title", "outlet", "text")) {
            String value = (String) stored.get(field);
            assertFalse(value.contains("\u0000"), field + " holds a NUL byte");
            assertTrue(value.chars().noneMatch(c -> Character.isSurrogate((char) c)), field + " holds a lone surrogate");
        }
        given().get("/api/articles/" + id).then().body("title", equalTo("Ferry strike ends")).body("outlet", equalTo("Coast Post"));
    }

    @Test
    void anOverlongAttributionIsBoundedNotRefused() {
        String source = "the joint emergency coordination office of the northern river districts and their partner agencies "
                .repeat(12);
        String text = "River flooding displaces thousands\n\nAccording to " + source.strip()
                + ", 3,400 people left their homes after the river burst its banks on Sunday.";
        String id = given().contentType(ContentType.JSON).body(Map.of("text", text)).post("/api/articles").then()
                .statusCode(STORED).extract().path("id");
        List<String> attributions = given().get("/api/figures?articleId=" + id).then().statusCode(200)
                .extract().path("items.attribution");
        assertTrue(attributions.stream().allMatch(a -> a == null || a.length() <= 1000), "an attribution exceeds its column");
    }

    @Test
    void textWithoutSentenceBreaksIsCutIntoChunksWithinTheTokenLimit() {
        StringBuilder text = new StringBuilder("Unbroken ledger of grain shipments\n\n");
        for (int i = 0; i < 3000; i++) {
            text.append("grain shipment ").append(i % 7 == 0 ? "delayed " : "cleared ");
        }
        String id = given().contentType(ContentType.JSON).body(Map.of("text", text.toString())).post("/api/articles").then()
                .statusCode(STORED).extract().path("id");
        given().get("/api/articles/" + id + "/chunks").then().statusCode(200)
                .body("tokens", everyItem(lessThanOrEqualTo(300)));
        String answer = given().contentType(ContentType.JSON).body(Map.of("question", "Which grain shipment was delayed?"))
                .post("/api/chat").then().statusCode(200).extract().path("answer");
        assertTrue(answer.length() < 8_000, "the answer quotes " + answer.length() + " characters");
    }

    private static String article(String field, String value) {
        return "{\"" + field + "\":\"" + value + "\",\"text\":\"" + STORY.replace("\n", "\\n") + "\"}";
    }

    private static Probe json(String name, String path, String body, int status, String detailNames) {
        return new Probe(name, "POST", path, "application/json", body, status, detailNames);
    }

    private static Probe get(String name, String path, int status, String detailNames) {
        return new Probe(name, "GET", path, null, null, status, detailNames);
    }
}
