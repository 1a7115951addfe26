package io.crosscheck.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import io.crosscheck.conversation.ConversationService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * API keys and JWTs, their roles, and the 401s and 403s of callers without the right one. This is a second application
 * start in the test JVM, which cannot load the embedding model's native library again: nothing here embeds. A request
 * that passed the access rules shows it by the resource's own answer (an empty article is a 400, an unknown one a 404).
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class SecuredApiTest {

    static final String ARTICLE = "The city council approved 14 new tram lines on Monday, the mayor said.";

    @Inject
    ConversationService conversations;

    @Test
    void withoutCredentialsEvenAReadIsA401WithABearerChallenge() {
        given().get("/api/articles").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401)).body("instance", equalTo("/api/articles"));
    }

    @Test
    void anUnknownKeyIsA401() {
        as("not-a-key").get("/api/articles").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void aReaderReadsButMayNotWrite() {
        as(SecuredProfile.READER_KEY).get("/api/articles").then().statusCode(200);
        as(SecuredProfile.READER_KEY).contentType(ContentType.TEXT).body(ARTICLE).post("/api/articles?id=reader-try")
                .then().statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));
        as(SecuredProfile.READER_KEY).delete("/api/articles/000_ba596d50097fc4ee").then().statusCode(403);
    }

    @Test
    void anEditorPassesTheGateForIngestAndDelete() {
        as(SecuredProfile.EDITOR_KEY).contentType(ContentType.JSON).post("/api/articles").then().statusCode(400)
                .body("title", equalTo("Empty article"));
        as(SecuredProfile.EDITOR_KEY).delete("/api/articles/no-such-article").then().statusCode(404);
    }

    @Test
    void aWriteWithoutCredentialsIsA401EvenFromLoopback() {
        given().contentType(ContentType.TEXT).body(ARTICLE).post("/api/articles?id=anonymous-try").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).contentType("application/problem+json");
    }

    @Test
    void aJwtOfAnEditorMayWrite() {
        String token = FakeJwks.token("erin", List.of("editor"), 300);
        as(token).contentType(ContentType.JSON).post("/api/articles").then().statusCode(400)
                .body("title", equalTo("Empty article"));
        as(token).delete("/api/articles/no-such-article").then().statusCode(404);
    }

    @Test
    void aJwtOfAReaderReadsButMayNotWrite() {
        String token = FakeJwks.token("rita", List.of("reader"), 300);
        as(token).get("/api/articles").then().statusCode(200);
        as(token).contentType(ContentType.TEXT).body(ARTICLE).post("/api/articles?id=jwt-reader-try").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aJwtWithoutACrosscheckRoleIsA403() {
        as(FakeJwks.token("victor", List.of("viewer"), 300)).get("/api/articles").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aJwtWithAWrongSignatureIsA401() {
        as(FakeJwks.tokenSignedByAnotherKey("mallory", List.of("editor"))).get("/api/articles").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).contentType("application/problem+json");
    }

    @Test
    void anExpiredJwtIsA401() {
        as(FakeJwks.token("erin", List.of("editor"), -600)).get("/api/articles").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aConversationIsVisibleToItsStarterOnly() {
        String id = started(ownerOf(SecuredProfile.READER_KEY));
        String someoneElse = FakeJwks.token("rita", List.of("reader"), 300);
        for (String other : List.of(SecuredProfile.OTHER_READER_KEY, SecuredProfile.EDITOR_KEY, someoneElse)) {
            as(other).get("/api/conversations/" + id).then().statusCode(404).contentType("application/problem+json")
                    .body("title", equalTo("Conversation not found"));
            as(other).contentType(ContentType.JSON).body(Map.of("question", "and wounded?", "conversationId", id))
                    .post("/api/chat").then().statusCode(404).contentType("application/problem+json");
            as(other).contentType(ContentType.JSON).body(Map.of("question", "and wounded?", "conversationId", id))
                    .post("/api/chat/stream").then().statusCode(404).contentType("application/problem+json");
            as(other).delete("/api/conversations/" + id).then().statusCode(404);
        }
        as(SecuredProfile.READER_KEY).get("/api/conversations/" + id).then().statusCode(200).body("turns", hasSize(1));
        as(SecuredProfile.READER_KEY).delete("/api/conversations/" + id).then().statusCode(204);
        as(SecuredProfile.READER_KEY).get("/api/conversations/" + id).then().statusCode(404);
    }

    @Test
    void aJwtCallerOwnsItsConversationsByIssuerAndSubject() {
        String id = started("jwt:" + FakeJwks.ISSUER + "#rita");
        as(FakeJwks.token("rita", List.of("reader"), 600)).get("/api/conversations/" + id).then().statusCode(200);
        as(FakeJwks.token("ron", List.of("reader"), 300)).get("/api/conversations/" + id).then().statusCode(404);
    }

    /** A conversation as POST /api/chat starts one for this owner (asking would embed the question). */
    private String started(String owner) {
        return conversations.append(null, owner, "How many North Korean soldiers have been killed?", "soldiers killed",
                "An answer.", "extractive");
    }

    private static String ownerOf(String key) {
        return ApiKeys.parse(List.of(key + ":reader")).match(key).orElseThrow().name();
    }

    @Test
    void aBrowserPageOfAnotherOriginIsRefusedEvenWithAnEditorKey() {
        as(SecuredProfile.EDITOR_KEY).header("Origin", "http://evil.example").contentType(ContentType.TEXT).body(ARTICLE)
                .post("/api/articles?id=csrf-try").then().statusCode(403).contentType("application/problem+json")
                .body("title", equalTo("Cross-origin request refused"));
        as(SecuredProfile.EDITOR_KEY).header("Sec-Fetch-Site", "cross-site").delete("/api/articles/000_ba596d50097fc4ee")
                .then().statusCode(403);
    }

    @Test
    void slackNeedsNoKeyItChecksItsOwnSignature() {
        given().contentType(ContentType.JSON).body("{}").post("/slack/events").then()
                .body(not401FromAccessFilter());
    }

    private static org.hamcrest.Matcher<String> not401FromAccessFilter() {
        return org.hamcrest.Matchers.not(containsString("send Authorization: Bearer"));
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", "Bearer " + bearer);
    }
}
