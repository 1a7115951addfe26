package io.crosscheck.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ArticleResourceTest {

    private static final String STORY = "City council approves new tram line\n\n"
            + "The city council approved the tram line on Tuesday by 31 votes to 12, the mayor's office said. "
            + "Construction is expected to take four years and cost about 250 million euros, according to the transport department.";

    @Test
    void bundledSeedsAreIngestedUnderTheirFileNames() {
        given().get("/api/articles?size=200").then().statusCode(200)
                .body("items.id", hasItem("000_ba596d50097fc4ee"))
                .body("items.id", hasItem("004_910e0e496c3bfacc"))
                .body("total", greaterThanOrEqualTo(5));
        given().get("/api/articles/002_05c747f735962a3e").then().statusCode(200)
                .body("title", equalTo("North Korean Troops Withdrawn from Ukraine Frontlines Amid Heavy Losses"))
                .body("outlet", equalTo("NEWSWEEK"))
                .body("origin", equalTo("bundled"))
                .body("chunkCount", greaterThan(0))
                .body("text", not(containsString("share-icon")));
    }

    @Test
    void chunkOffsetsMapBackToTheStoredText() {
        String text = given().get("/api/articles/004_910e0e496c3bfacc").then().extract().path("text");
        List<Map<String, Object>> chunks = given().get("/api/articles/004_910e0e496c3bfacc/chunks").then().statusCode(200)
                .extract().path("");
        for (Map<String, Object> chunk : chunks) {
            assertEquals(text.substring((Integer) chunk.get("start"), (Integer) chunk.get("end")), chunk.get("text"));
        }
    }

    @Test
    void sameContentTwiceIsStoredOnce() {
        String id = given().contentType(ContentType.JSON).body(Map.of("text", STORY, "outlet", "Tram Times"))
                .post("/api/articles").then().statusCode(201)
                .header("Location", containsString("/api/articles/"))
                .body("title", equalTo("City council approves new tram line"))
                .body("outlet", equalTo("Tram Times"))
                .body("chunkCount", equalTo(1))
                .extract().path("id");
        given().contentType(ContentType.JSON).body(Map.of("text", STORY)).post("/api/articles").then().statusCode(200)
                .body("id", equalTo(id));
        given().contentType(ContentType.TEXT).body(STORY).post("/api/articles").then().statusCode(200).body("id", equalTo(id));
        given().delete("/api/articles/" + id).then().statusCode(204);
    }

    @Test
    void aTitleIsReadFromAHeadlineLineAndOtherwiseLeftOutNeverTheId() {
        String headed = given().contentType(ContentType.JSON).body(Map.of("text",
                "Reservoir reopens after repairs\n\nBy Lena Ortiz\n\nThe Haldane reservoir reopened on Monday after 8 months."))
                .post("/api/articles").then().statusCode(201).body("title", equalTo("Reservoir reopens after repairs"))
                .extract().path("id");
        String bare = given().contentType(ContentType.JSON).body(Map.of("text",
                "By Lena Ortiz\n\nThe Haldane reservoir closed on Monday for 8 months of repairs, the water board said."))
                .post("/api/articles").then().statusCode(201).body("$", not(hasKey("title")))
                .extract().path("id");
        given().get("/api/articles/" + bare).then().statusCode(200).body("$", not(hasKey("title")));
        given().delete("/api/articles/" + headed).then().statusCode(204);
        given().delete("/api/articles/" + bare).then().statusCode(204);
    }

    @Test
    void sameIdWithOtherContentConflictsUnlessReplaced() {
        given().contentType(ContentType.JSON).body(Map.of("id", "tram-1", "text", STORY)).post("/api/articles").then()
                .statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("id", "tram-1", "text", STORY + " The vote was delayed twice."))
                .post("/api/articles").then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409)).body("detail", containsString("replace=true"));
        given().contentType(ContentType.JSON).body(Map.of("id", "tram-1", "text", STORY + " The vote was delayed twice."))
                .post("/api/articles?replace=true").then().statusCode(201);
        given().get("/api/articles/tram-1").then().body("text", containsString("delayed twice"));
        given().delete("/api/articles/tram-1").then().statusCode(204);
    }

    @Test
    void htmlAndMarkdownBodiesAreCleaned() {
        String id = given().contentType("text/html").queryParam("id", "html-1").queryParam("publishedAt", "2025-03-04")
                .body("<html><body><h1>Harbour reopens</h1><script>x()</script><p>The harbour reopened after 3 days, port officials said.</p></body></html>")
                .post("/api/articles").then().statusCode(201)
                .body("title", equalTo("Harbour reopens")).body("publishedAt", equalTo("2025-03-04")).extract().path("id");
        given().get("/api/articles/" + id).then().body("text", not(containsString("x()")));
        given().delete("/api/articles/" + id).then().statusCode(204);
        given().contentType("text/markdown").queryParam("id", "md-1").body("# Dam inspected\n\n**Engineers** found 2 cracks.")
                .post("/api/articles").then().statusCode(201).body("title", equalTo("Dam inspected"));
        given().delete("/api/articles/md-1").then().statusCode(204);
    }

    @Test
    void aFailureWhileStoringLeavesNothingBehind() {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "doomed", "title", FailingFigureObserver.FAIL_TITLE, "text", STORY + " Doomed."))
                .post("/api/articles").then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
        given().get("/api/articles/doomed").then().statusCode(404);
        given().get("/api/search?q=tram+line+doomed&k=50").then().statusCode(200)
                .body("results.articleId", everyItem(not(equalTo("doomed"))));
        given().contentType(ContentType.JSON).body(Map.of("id", "doomed", "text", STORY + " Doomed.")).post("/api/articles")
                .then().statusCode(201);
        given().delete("/api/articles/doomed").then().statusCode(204);
    }

    @Test
    void deleteRemovesTheArticleItsChunksAndItsSearchEntries() {
        given().contentType(ContentType.JSON).body(Map.of("id", "zebra-1", "text",
                "Zebra crossing repainted\n\nWorkers repainted the zebra crossing on Elm Street in 2 hours, the council said."))
                .post("/api/articles").then().statusCode(201);
        given().get("/api/search?q=zebra+crossing+repainted&k=3").then().body("results[0].articleId", equalTo("zebra-1"));
        given().delete("/api/articles/zebra-1").then().statusCode(204);
        given().get("/api/articles/zebra-1").then().statusCode(404);
        given().get("/api/articles/zebra-1/chunks").then().statusCode(404);
        given().get("/api/search?q=zebra+crossing+repainted&k=50").then().body("results.articleId", not(hasItem("zebra-1")));
        given().delete("/api/articles/zebra-1").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void concurrentIdenticalIngestsStoreOneArticle() throws Exception {
        String text = "Ferry timetable changes\n\nThe ferry operator said 14 crossings a day would be cut from May.";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(pool.submit(() -> given().contentType(ContentType.JSON).body(Map.of("text", text))
                        .post("/api/articles").then().extract().statusCode()));
            }
            List<Integer> codes = new java.util.ArrayList<>();
            for (var status : statuses) {
                codes.add(status.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 200).count(), codes.toString());
        } finally {
            pool.shutdown();
        }
        String id = given().contentType(ContentType.JSON).body(Map.of("text", text)).post("/api/articles").then().extract().path("id");
        given().delete("/api/articles/" + id).then().statusCode(204);
    }

    @Test
    void badInputGetsAProblemBody() {
        given().contentType(ContentType.JSON).body(Map.of("text", " ")).post("/api/articles").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Empty article"));
        given().contentType(ContentType.JSON).body(Map.of("text", "x".repeat(500_001))).post("/api/articles").then()
                .statusCode(400).body("detail", containsString("crosscheck.ingest.max-chars"));
        given().contentType(ContentType.JSON).body(Map.of("id", "../etc", "text", STORY)).post("/api/articles").then()
                .statusCode(400).body("title", equalTo("Invalid article id"));
        given().contentType(ContentType.JSON).body(Map.of("text", STORY, "publishedAt", "yesterday")).post("/api/articles")
                .then().statusCode(400).body("title", equalTo("Invalid publishedAt"));
        given().contentType(ContentType.JSON).body("{\"text\": ").post("/api/articles").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed JSON")).body("stackTrace", nullValue());
        given().contentType("application/xml").body("<a/>").post("/api/articles").then().statusCode(415)
                .contentType("application/problem+json");
        given().get("/api/articles?size=0").then().statusCode(400).body("detail", notNullValue());
        given().get("/api/articles/nope").then().statusCode(404).body("detail", containsString("nope"));
    }
}
