package io.crosscheck.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.StoryAnalysisService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Articles whose figures stand in table rows, ingested and asked about through the API: every quote the answer shows,
 * cited or beside a conflicting figure, is verbatim in the stored text of its article and in the text as it was sent.
 */
@QuarkusTest
class TableQuotesTest {

    private static final String LEDGER = """
            Harbour fire at Caldwell pier: what we know

            | Key points | Details |
            |------------|---------|
            | Boats destroyed | 14 fishing boats destroyed, according to the Caldwell harbour master. |
            | Damage | About $2.4 million in damage, the port authority said. |

            The fire broke out at Caldwell pier on Tuesday night and burned until dawn.
            """;

    private static final String COURIER = """
            Caldwell pier blaze

            Caldwell pier burned through Tuesday night. Fire chief Ana Ruiz said 19 fishing boats were destroyed in the harbour fire, more than the harbour master's count.

            Item | Figure |
            ---|---|
            Boats destroyed | 19 fishing boats destroyed, the fire chief said. |
            """;

    @Inject
    StoryAnalysisService analysis;

    @Test
    void everyQuoteOfAnAnswerAboutTableRowsIsVerbatim() {
        Map<String, String> sent = Map.of("caldwell-ledger", LEDGER, "caldwell-courier", COURIER);
        sent.forEach((id, text) -> given().contentType(ContentType.JSON).queryParam("replace", true)
                .body(Map.of("id", id, "text", text)).post("/api/articles").then().statusCode(201));
        analysis.drain();

        Map<String, Object> response = given().contentType(ContentType.JSON)
                .body(Map.of("question", "How many fishing boats were destroyed in the Caldwell pier fire?"))
                .post("/api/chat").then().statusCode(200).extract().as(Map.class);

        List<Map<String, Object>> quoted = new ArrayList<>(list(response.get("citations")));
        for (Map<String, Object> conflict : list(response.get("conflicts"))) {
            quoted.addAll(list(conflict.get("figures")));
        }
        assertTrue(quoted.stream().anyMatch(q -> String.valueOf(q.get("quote")).contains("| 14 fishing boats destroyed")),
                "the table row is cited as it stands: " + quoted);
        for (Map<String, Object> q : quoted) {
            String articleId = (String) q.get("articleId");
            String quote = (String) q.get("quote");
            String stored = given().get("/api/articles/" + articleId).then().statusCode(200).extract().path("text");
            assertTrue(stored.contains(quote), "not in the stored text of " + articleId + ": " + quote);
            if (sent.containsKey(articleId) && !quote.contains("\n")) {
                assertTrue(sent.get(articleId).replaceAll("\\s+", " ").contains(quote.replaceAll("\\s+", " ")),
                        "not in the article as sent: " + quote);
            }
            assertFalse(quote.contains("Boats destroyed: "), "a table row is never rewritten: " + quote);
        }
        sent.keySet().forEach(id -> given().delete("/api/articles/" + id).then().statusCode(204));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
