package io.crosscheck.config;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * docs/api.md against the running service: the fields of every chat response it shows, and the readiness checks it
 * lists, are those the service sends, so that the reference cannot drift from the code unnoticed.
 */
@QuarkusTest
class ApiDocsTest {

    private static final Path API_DOC = Path.of("docs", "api.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    /** Pretty-printed examples indent top-level fields by four spaces. */
    private static final Pattern TOP_LEVEL_FIELD = Pattern.compile("(?m)^ {4}\"(\\w+)\":");
    private static final Pattern CHECK_NAME = Pattern.compile("\"name\": \"([^\"]+)\"");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyChatResponseExampleHasTheFieldsTheServiceSends() throws IOException {
        @SuppressWarnings("unchecked")
        Set<String> live = new TreeSet<>(given().contentType(ContentType.JSON)
                .body(Map.of("question", "How many North Korean soldiers have been killed?")).post("/api/chat").then()
                .statusCode(200).extract().as(Map.class).keySet());
        List<Set<String>> documented = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(Files.readString(API_DOC));
        while (block.find()) {
            Set<String> fields = fields(block.group(1));
            if (fields.contains("conversationId") && fields.contains("mode")) {
                documented.add(fields);
            }
        }
        assertFalse(documented.isEmpty(), "no chat response example found in " + API_DOC);
        for (Set<String> fields : documented) {
            assertEquals(live, fields, "a chat response example in docs/api.md");
        }
    }

    @Test
    void theReadinessExampleListsTheChecksTheServiceRuns() throws IOException {
        String doc = Files.readString(API_DOC);
        String section = doc.substring(doc.indexOf("## Health, metrics, OpenAPI"));
        String example = section.substring(section.indexOf("\"checks\""), section.indexOf("```", section.indexOf("\"checks\"")));
        Set<String> documented = new TreeSet<>();
        CHECK_NAME.matcher(example).results().forEach(m -> documented.add(m.group(1)));
        Set<String> live = new TreeSet<>(given().get(management + "health/ready").then().extract().jsonPath()
                .getList("checks.name", String.class));
        assertEquals(live, documented, "the readiness example in docs/api.md");
    }

    private static Set<String> fields(String json) {
        Set<String> fields = new TreeSet<>();
        TOP_LEVEL_FIELD.matcher(json).results().forEach(m -> fields.add(m.group(1)));
        return fields;
    }
}
