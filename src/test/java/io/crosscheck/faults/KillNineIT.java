package io.crosscheck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2xx means the write is durable: the packaged service is killed with SIGKILL right after its last acknowledgement,
 * then started again on the same database, and every acknowledged write is there (on H2, this needs WRITE_DELAY=0).
 */
class KillNineIT {

    private static final int ARTICLES = 12;

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
}
