package io.crosscheck.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.Figure;
import io.crosscheck.text.Hashes;
import io.crosscheck.text.TextCleaner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * One stale article cleaned again by two instances at once (two threads of one process sharing the database): one
 * stores it again, the other sees that it is done, and nothing is stored twice.
 */
@QuarkusTest
class CleaningUpgradeInstancesTest {

    @Inject
    ArticleService articles;

    @Test
    void twoInstancesCleaningOneArticleAgainStoreItOnce() throws Exception {
        String id = "cleaning-race";
        given().contentType(ContentType.JSON).body(Map.of("id", id, "outlet", "Cleaning Post", "text",
                "The county said 85 roads were closed on Sunday after the storm. Crews expected to reopen 60 of them by Tuesday."))
                .post("/api/articles").then().statusCode(201);
        long figures = QuarkusTransaction.requiringNew().call(() -> Figure.count("article.id", id));
        String current = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(id).text);
        // what older rules stored; the source the article was sent as is kept, so cleaning again gives today's text
        String older = current.replace("Sunday after", "Sunday  |  after");
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = Article.findById(id);
            article.text = older;
            article.contentHash = Hashes.sha256Hex(older);
            article.cleanerVersion = 1;
        });

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<ArticleService.Recleaned> outcomes = new ArrayList<>();
        try {
            List<Future<ArticleService.Recleaned>> runs = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                Callable<ArticleService.Recleaned> run = () -> {
                    start.await();
                    return articles.cleanAgain(id);
                };
                runs.add(instances.submit(run));
            }
            start.countDown();
            for (Future<ArticleService.Recleaned> run : runs) {
                outcomes.add(run.get(120, TimeUnit.SECONDS));
            }
        } finally {
            instances.shutdownNow();
        }

        assertEquals(1, outcomes.stream().filter(o -> o == ArticleService.Recleaned.STORED_AGAIN).count(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(o -> o == ArticleService.Recleaned.SKIPPED).count(), outcomes.toString());
        Article upgraded = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(id));
        assertNotNull(upgraded);
        assertEquals(current, upgraded.text);
        assertEquals(TextCleaner.VERSION, upgraded.cleanerVersion);
        assertEquals(upgraded.chunkCount, QuarkusTransaction.requiringNew().call(() -> Chunk.listByArticle(id).size()));
        assertEquals(figures, QuarkusTransaction.requiringNew().call(() -> Figure.count("article.id", id)));
        given().delete("/api/articles/" + id).then().statusCode(204);
    }
}
