package io.crosscheck.figures;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.crosscheck.ingest.Article;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The figure re-extraction run by two instances at once (two threads of one process sharing the database): they
 * share the articles, and no article's figures are stored twice.
 */
@QuarkusTest
class FigureUpgradeInstancesTest {

    @Inject
    FigureUpgrade upgrade;

    private static Map<String, Long> figureCounts(List<String> ids) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new HashMap<>();
            ids.forEach(id -> counts.put(id, Figure.count("article.id", id)));
            return counts;
        });
    }

    @Test
    void twoInstancesUpgradingAtOnceExtractEachArticleOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "upgrade-race-" + i;
            given().contentType(ContentType.JSON).body(Map.of("id", id, "outlet", "Upgrade Herald", "text",
                    "Rescuers said " + (40 + i) + " climbers were stranded on the ridge on Friday, and " + (7 + i)
                            + " were flown to hospital. Officials said the pass would stay closed for " + (3 + i) + " days."))
                    .post("/api/articles").then().statusCode(201);
            ids.add(id);
        }
        Map<String, Long> before = figureCounts(ids);
        assertTrue(before.values().stream().allMatch(n -> n > 0), before.toString());
        QuarkusTransaction.requiringNew().run(() -> Article.update("figuresVersion = 0 where id in ?1", ids));

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                Callable<Integer> run = () -> {
                    start.await();
                    int done = 0;
                    while (upgrade.upgradeNext()) {
                        done++;
                    }
                    return done;
                };
                runs.add(instances.submit(run));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            instances.shutdownNow();
        }

        assertEquals(before, figureCounts(ids), "each article's figures stored once");
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Article.count("id in ?1 and figuresVersion < ?2", ids,
                FigureService.EXTRACTOR_VERSION)));
        ids.forEach(id -> given().delete("/api/articles/" + id).then().statusCode(204));
    }
}
