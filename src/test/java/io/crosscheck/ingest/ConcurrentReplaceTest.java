package io.crosscheck.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Many replacements of one id released at once: each gets 201 (or 409, when another one won), never 500, and the
 * search index ends up holding exactly the version the database holds.
 */
@QuarkusTest
public class ConcurrentReplaceTest {

    private static final int WRITERS = 20;

    @Test
    void concurrentReplacesOfOneIdAreSerialisedAndTheIndexMatchesTheDatabase() throws Exception {
        replaceConcurrentlyAndCheckTheIndex();
    }

    /** The check itself, also run against the Solr engine (SolrSearchResourceTest). */
    public static void replaceConcurrentlyAndCheckTheIndex() throws Exception {
        String id = "race-" + System.nanoTime();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String text = "The ferry operator carried " + (1000 + i) + " passengers across the strait on Sunday, the "
                    + "port office said. Version marker racever" + i + " of this report.";
            Callable<Integer> replace = () -> {
                start.await();
                return given().contentType(ContentType.JSON).queryParam("replace", true)
                        .body(Map.of("id", id, "outlet", "Strait Courier", "text", text))
                        .post("/api/articles").statusCode();
            };
            statuses.add(pool.submit(replace));
        }
        start.countDown();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        for (Future<Integer> status : statuses) {
            byStatus.merge(status.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertTrue(byStatus.keySet().stream().allMatch(s -> s == 201 || s == 409), "statuses: " + byStatus);

        String stored = given().get("/api/articles/" + id).then().statusCode(200).extract().path("text");
        int version = Integer.parseInt(stored.replaceAll("(?s).*racever(\\d+).*", "$1"));
        for (int i = 0; i < WRITERS; i++) {
            JsonPath hits = given().queryParam("q", "racever" + i).queryParam("k", 5).get("/api/search").then()
                    .statusCode(200).extract().jsonPath();
            List<String> texts = hits.getList("results.findAll { it.articleId == '" + id + "' }.text");
            if (i == version) {
                assertEquals(1, texts.size(), "the stored version is not in the index: " + hits.prettify() + " stored: " + stored);
                assertTrue(texts.get(0).contains("racever" + i + " of"), texts.toString());
            } else {
                String marker = "racever" + i + " of";
                assertTrue(texts.stream().noneMatch(t -> t.contains(marker)),
                        "the index holds version " + i + " while the database holds version " + version);
            }
        }
        given().delete("/api/articles/" + id).then().statusCode(204);
    }
}
