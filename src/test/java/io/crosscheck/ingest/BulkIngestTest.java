package io.crosscheck.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.crosscheck.jobs.Job;
import io.crosscheck.jobs.JobService;
import io.crosscheck.jobs.JobStatus;
import io.crosscheck.jobs.JobWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** POST /api/articles/bulk and GET /api/jobs/{id}, and the corpus files queued as jobs at start. */
@QuarkusTest
class BulkIngestTest {

    @Inject
    JobService jobs;

    @Inject
    JobWorker workers;

    @Inject
    CorpusService corpus;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void aBulkRequestIsAcceptedThenEveryArticleIsStoredAndSearchable() {
        String run = run();
        List<Map<String, Object>> articles = List.of(article(run, 0, "ferry"), article(run, 1, "bridge"),
                article(run, 2, "airport"));

        ExtractableResponse<Response> accepted = given().contentType(ContentType.JSON).body(articles)
                .post("/api/articles/bulk").then().statusCode(202)
                .header("Location", startsWith("/api/jobs/"))
                .body("kind", equalTo("ingest-article"))
                .body("total", equalTo(3))
                .body("status", oneOf("queued", "running", "done"))
                .extract();
        String location = accepted.header("Location");
        assertEquals("/api/jobs/" + accepted.path("id"), location);

        JobService.Counts counts = awaitBatch(((Number) accepted.path("id")).longValue());

        assertEquals(new JobService.Counts(0, 0, 3, 0), counts);
        given().get(location).then().statusCode(200).body("status", equalTo("done")).body("done", equalTo(3))
                .body("queued", equalTo(0)).body("running", equalTo(0)).body("failed", equalTo(0))
                .body("errors.size()", equalTo(0));
        for (int i = 0; i < articles.size(); i++) {
            given().get("/api/articles/" + id(run, i)).then().statusCode(200).body("origin", equalTo("upload"));
        }
        given().queryParam("q", "ferry timetable " + marker(run, 0)).queryParam("k", 3).get("/api/search").then()
                .statusCode(200).body("results.articleId", hasItem(id(run, 0)));
    }

    @Test
    void anItemTheServiceRefusesIsReportedWithoutAStackTraceAndTheOthersAreStored() {
        String run = run();
        given().contentType(ContentType.JSON).body(article(run, 0, "ferry")).post("/api/articles").then().statusCode(201);
        Map<String, Object> sameIdOtherText = new HashMap<>(article(run, 1, "bridge"));
        sameIdOtherText.put("id", id(run, 0));

        long id = ((Number) given().contentType(ContentType.JSON).body(List.of(article(run, 2, "airport"), sameIdOtherText))
                .post("/api/articles/bulk").then().statusCode(202).extract().path("id")).longValue();
        awaitBatch(id);

        given().get("/api/jobs/" + id).then().statusCode(200)
                .body("status", equalTo("failed")).body("done", equalTo(1)).body("failed", equalTo(1))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].attempts", equalTo(1))
                .body("errors[0].error", startsWith("Article id already used"))
                .body("errors[0].error", not(containsString("\tat ")));
        given().get("/api/articles/" + id(run, 2)).then().statusCode(200);
    }

    @Test
    void badBulkBodiesAreRefusedWholeWithProblems() {
        String run = run();
        given().contentType(ContentType.JSON).body("[{\"text\": ").post("/api/articles/bulk").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body(article(run, 0, "ferry")).post("/api/articles/bulk").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Wrong JSON shape"));
        given().contentType(ContentType.JSON).body("[]").post("/api/articles/bulk").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("No articles"));

        Map<String, Object> empty = Map.of("id", id(run, 1), "text", " ");
        Map<String, Object> badDate = Map.of("id", id(run, 2), "text", "A sentence.", "publishedAt", "last Tuesday");
        given().contentType(ContentType.JSON).body(List.of(article(run, 0, "ferry"), empty, badDate))
                .post("/api/articles/bulk").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid articles"))
                .body("detail", containsString("2 of 3 articles"))
                .body("detail", containsString("[1] the article text is empty"))
                .body("detail", containsString("[2] "));
        given().get("/api/articles/" + id(run, 0)).then().statusCode(404);

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            tooMany.add(Map.of("text", "Item " + i + "."));
        }
        given().contentType(ContentType.JSON).body(tooMany).post("/api/articles/bulk").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("crosscheck.ingest.bulk-max-articles"));

        given().get("/api/jobs/987654321").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theCorpusFilesAreJobsThatAStartQueuesOnce() {
        List<Job> bundled = QuarkusTransaction.requiringNew().call(() -> Job.<Job> list("kind = ?1 and key like 'bundled/%'",
                ArticleJobHandler.KIND));
        assertEquals(5, bundled.size(), "one job per bundled file");
        assertTrue(bundled.stream().allMatch(j -> j.status == JobStatus.DONE), "all ingested at start");
        assertTrue(bundled.stream().anyMatch(j -> j.key.startsWith("bundled/000_ba596d50097fc4ee.txt#")));

        corpus.ingestAll();

        assertEquals(5L, QuarkusTransaction.requiringNew().call(() -> Job.count("kind = ?1 and key like 'bundled/%'",
                ArticleJobHandler.KIND)), "a second start queues nothing new");
        assertEquals(new CorpusService.Progress("done", 5, 5, 0), corpus.progress());
        given().get("/api/articles?size=200").then().body("items.id", hasItem("000_ba596d50097fc4ee"));
    }

    @Test
    void theReadinessCheckCountsTheCorpusFromTheJobTable() {
        given().get(management + "health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'search-index' }.data.corpus", is("done"))
                .body("checks.find { it.name == 'search-index' }.data.corpusFiles", is(5))
                .body("checks.find { it.name == 'search-index' }.data.corpusFilesDone", is(5));
    }

    private JobService.Counts awaitBatch(long batchId) {
        return workers.runUntilFinished(workers.kinds(), jobs.batchJobIds(batchId), counts -> {
        });
    }

    private static String run() {
        return "bulk-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(String run, int i) {
        return run + "-" + i;
    }

    private static String marker(String run, int i) {
        return "zq" + run.substring(5) + "x" + i;
    }

    private static Map<String, Object> article(String run, int i, String topic) {
        return Map.of("id", id(run, i), "outlet", "Bulk Gazette", "publishedAt", "2025-05-0" + (i + 1),
                "text", "The " + topic + " timetable changes on Monday, the transport office said. It adds " + (10 + i)
                        + " departures a day and costs " + (3 + i) + " million euros a year. Reference " + marker(run, i) + ".");
    }
}
