package io.crosscheck.stories;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleRemoved;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The story backfill run by two instances at once (two threads of one process sharing the database): every article
 * is placed once, and each story counts exactly the articles placed in it.
 */
@QuarkusTest
class StoryBackfillInstancesTest {

    @Inject
    StoryService stories;

    @Inject
    StoryBackfill backfill;

    @Test
    void twoInstancesBackfillingAtOncePlaceEachArticleOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = "backfill-race-" + i;
            String text = i % 2 == 0
                    ? "Firefighters in the valley said " + (200 + i) + " hectares of forest burned overnight as the wildfire spread."
                    : "The harbour authority said " + (30 + i) + " container ships were waiting outside the port after the strike.";
            given().contentType(ContentType.JSON).body(Map.of("id", id, "outlet", "Backfill Times", "text", text))
                    .post("/api/articles").then().statusCode(201);
            ids.add(id);
        }
        // as if stored before stories existed: taken out of their stories again
        QuarkusTransaction.requiringNew().run(() -> {
            for (String id : ids) {
                Article article = Article.findById(id);
                stories.onRemoved(new ArticleRemoved(article));
                article.storyId = null;
                article.profileVector = null;
                article.profileNames = null;
            }
        });

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int instance = 0; instance < 2; instance++) {
                Callable<Integer> run = () -> {
                    start.await();
                    int placed = 0;
                    while (backfill.placeNext()) {
                        placed++;
                    }
                    return placed;
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

        Set<Long> touched = new TreeSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String id : ids) {
                Article article = Article.findById(id);
                assertNotNull(article.storyId, id + " placed");
                touched.add(article.storyId);
            }
            for (long storyId : touched) {
                Story story = Story.findById(storyId);
                assertEquals(Article.count("storyId", storyId), story.articleCount, "articles counted in story " + storyId);
            }
        });
        ids.forEach(id -> given().delete("/api/articles/" + id).then().statusCode(204));
    }
}
