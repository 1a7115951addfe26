package io.crosscheck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A 2xx means the write is durable: the packaged service is killed with SIGKILL right after its last acknowledgement,
 * then started again on the same database, and every acknowledged write is there (on H2, this needs WRITE_DELAY=0).
 * A bulk request acknowledged with 202 is finished after the restart, each of its articles stored once.
 */
class KillNineIT {

    private static final int ARTICLES = 12;
    private static final int BULK_ARTICLES = 30;
    /** Short, so that the job the killed process held is taken over soon after the restart. */
    private static final String LEASE = "5s";

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        String run = FaultArticles.run();
        List<String> acknowledged = new ArrayList<>();
        try (ServiceProcess service = new ServiceProcess(dir, Map.of()).start()) {
            for (int i = 0; i < ARTICLES; i++) {
                HttpResponse<String> created = service.postJson("/api/articles", FaultArticles.article(run, i));
                assertEquals(201, created.statusCode(), created.body());
                acknowledged.add(FaultArticles.id(run, i));
            }
            // an acknowledged delete must stay done as well
            HttpResponse<String> deleted = service.delete("/api/articles/" + FaultArticles.id(run, 0));
            assertEquals(204, deleted.statusCode(), deleted.body());
            service.kill();

            service.start();
            List<String> lost = new ArrayList<>();
            for (String id : acknowledged.subList(1, acknowledged.size())) {
                if (service.get("/api/articles/" + id).statusCode() != 200) {
                    lost.add(id);
                }
            }
            assertTrue(lost.isEmpty(), lost.size() + " of " + (ARTICLES - 1) + " acknowledged articles lost after kill -9: " + lost);
            assertEquals(404, service.get("/api/articles/" + FaultArticles.id(run, 0)).statusCode(),
                    "an acknowledged delete was undone by kill -9");
            // the search index is rebuilt from what is stored: the deleted article is not found, the last one is
            String last = service.get("/api/search?q=" + FaultArticles.marker(run, ARTICLES - 1) + "&k=3").body();
            assertTrue(last.contains(FaultArticles.id(run, ARTICLES - 1)), last);
            String gone = service.get("/api/search?q=" + FaultArticles.marker(run, 0) + "&k=3").body();
            assertTrue(!gone.contains("\"" + FaultArticles.id(run, 0) + "\""), gone);
        }
    }

    @Test
    void aBulkRequestAcceptedBeforeKillNineIsFinishedAfterTheRestartWithEveryArticleStoredOnce() throws Exception {
        String run = FaultArticles.run();
        List<Map<String, Object>> articles = new ArrayList<>();
        for (int i = 0; i < BULK_ARTICLES; i++) {
            articles.add(FaultArticles.article(run, i));
        }
        try (ServiceProcess service = new ServiceProcess(dir, Map.of("crosscheck.jobs.lease", LEASE)).start()) {
            HttpResponse<String> accepted = service.postJson("/api/articles/bulk", articles);
            assertEquals(202, accepted.statusCode(), accepted.body());
            String location = accepted.headers().firstValue("Location").orElseThrow();
            // killed in the middle: some articles stored, others queued, one being ingested
            assertTrue(ServiceProcess.eventually(Duration.ofSeconds(120),
                    () -> ServiceProcess.JSON.readTree(service.get(location).body()).path("done").asInt() >= 3),
                    "no progress before the kill: " + service.get(location).body());
            JsonNode before = ServiceProcess.JSON.readTree(service.get(location).body());
            assertTrue(before.path("done").asInt() < BULK_ARTICLES, "the kill came too late to test anything: " + before);
            service.kill();

            service.start();
            assertTrue(ServiceProcess.eventually(Duration.ofSeconds(300),
                    () -> "done".equals(ServiceProcess.JSON.readTree(service.get(location).body()).path("status").asText())),
                    "the bulk request was not finished after the restart: " + service.get(location).body() + "\n" + service.log());
            JsonNode after = ServiceProcess.JSON.readTree(service.get(location).body());
            assertEquals(BULK_ARTICLES, after.path("done").asInt(), after.toString());
            assertEquals(0, after.path("failed").asInt(), after.toString());

            // ids are the primary key, so a stored article is stored once; a second ingestion would have been a 409
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < BULK_ARTICLES; i++) {
                if (service.get("/api/articles/" + FaultArticles.id(run, i)).statusCode() != 200) {
                    missing.add(FaultArticles.id(run, i));
                }
            }
            assertTrue(missing.isEmpty(), "acknowledged bulk articles lost after kill -9: " + missing);
            for (int i : List.of(0, BULK_ARTICLES / 2, BULK_ARTICLES - 1)) {
                String hits = service.get("/api/search?q=" + FaultArticles.marker(run, i) + "&k=3").body();
                assertTrue(hits.contains("\"" + FaultArticles.id(run, i) + "\""), "indexed: " + hits);
            }
        }
    }
}
