package io.crosscheck.figures;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Stories and their analysis through the running service: articles of two floods in different countries are two
 * stories whose figures never share a measure, measure ids survive later ingests, and questions are answered from
 * the last committed measures while an analysis runs.
 */
@QuarkusTest
class StoryAnalysisTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVAL = Path.of("src/test/resources/eval");

    @Inject
    StoryAnalysisService analysis;

    /** Posts an evaluation article (text and its metadata sidecar) under a test id; returns its story. */
    private static long post(String dir, String name) {
        try {
            JsonNode meta = JSON.readTree(EVAL.resolve(dir).resolve(name + ".meta.json").toFile());
            Map<String, Object> body = new HashMap<>();
            body.put("id", "story-test-" + name);
            body.put("text", Files.readString(EVAL.resolve(dir).resolve(name + ".txt")));
            meta.fields().forEachRemaining(e -> body.put(e.getKey(), e.getValue().asText()));
            given().contentType(ContentType.JSON).body(body).post("/api/articles").then().statusCode(201);
            Number story = given().get("/api/articles/story-test-" + name).then().statusCode(200).extract().path("storyId");
            return story.longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> measures(long story) {
        return given().get("/api/stories/" + story).then().statusCode(200).extract().path("measures");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> articlesOf(Map<String, Object> measure) {
        return ((List<Map<String, Object>>) measure.get("figures")).stream().map(f -> (String) f.get("articleId"))
                .collect(Collectors.toSet());
    }

    @Test
    void twoFloodsInDifferentCountriesAreTwoStoriesThatNeverShareAMeasure() {
        long vessen = post("articles", "flood-wire-day1");
        assertEquals(vessen, post("stories", "flood-chronicle-day2"));
        assertEquals(vessen, post("articles", "flood-ledger-day4"));
        long nerin = post("stories", "nerin-wire-day1");
        assertNotEquals(vessen, nerin, "a second flood, elsewhere, is another story");
        assertEquals(nerin, post("stories", "nerin-herald-day2"));
        analysis.drain();

        Map<Long, Set<String>> articles = Map.of(
                vessen, Set.of("story-test-flood-wire-day1", "story-test-flood-chronicle-day2", "story-test-flood-ledger-day4"),
                nerin, Set.of("story-test-nerin-wire-day1", "story-test-nerin-herald-day2"));
        for (long story : List.of(vessen, nerin)) {
            List<Map<String, Object>> measures = measures(story);
            assertFalse(measures.isEmpty(), "story " + story + " has measures");
            for (Map<String, Object> measure : measures) {
                assertTrue(articles.get(story).containsAll(articlesOf(measure)), "a measure of story " + story
                        + " holds only its own articles' figures: " + measure);
            }
        }
        given().get("/api/stories?size=200").then().statusCode(200).body("items.id", hasItems(
                (int) vessen, (int) nerin));
    }

    @Test
    void articlesOfOneStoryPostedAtOnceAreAssignedOneAtATimeToOneStory() throws Exception {
        List<String[]> wildfire = List.of(new String[] { "articles", "wildfire-post-day1" },
                new String[] { "articles", "wildfire-herald-day3" }, new String[] { "stories", "wildfire-atlas-arson" },
                new String[] { "stories", "wildfire-observer-recovery" });
        ExecutorService pool = Executors.newFixedThreadPool(wildfire.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> stories = wildfire.stream().map(a -> pool.submit(() -> {
                start.await();
                return post(a[0], a[1]);
            })).toList();
            start.countDown();
            Set<Long> distinct = new HashSet<>();
            for (Future<Long> story : stories) {
                distinct.add(story.get(120, TimeUnit.SECONDS));
            }
            assertEquals(1, distinct.size(), "four articles of one wildfire, posted at once, are one story: " + distinct);
            long story = distinct.iterator().next();
            given().get("/api/stories/" + story).then().statusCode(200).body("story.articleCount", is(4));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMeasureKeepsItsIdWhenUnrelatedArticlesArriveAndWhenItsStoryGrows() {
        long story = post("stories", "nurses-wire-day1");
        post("stories", "nurses-times-surgeries");
        analysis.drain();
        Map<String, Set<String>> before = measures(story).stream()
                .collect(Collectors.toMap(m -> (String) m.get("measureId"), StoryAnalysisTest::articlesOf));
        assertFalse(before.isEmpty());

        long other = post("stories", "port-wire-strike");
        assertNotEquals(story, other, "the dock strike is another story");
        analysis.drain();
        assertEquals(before.keySet(), measures(story).stream().map(m -> (String) m.get("measureId")).collect(Collectors.toSet()),
                "an unrelated ingest leaves the story's measures and ids alone");

        assertEquals(story, post("stories", "nurses-review-pay"));
        analysis.drain();
        Set<String> after = measures(story).stream().map(m -> (String) m.get("measureId")).collect(Collectors.toSet());
        Set<String> kept = before.keySet().stream().filter(after::contains).collect(Collectors.toSet());
        assertFalse(kept.isEmpty(), "regrouping the grown story keeps the ids of measures that continue: before "
                + before.keySet() + ", after " + after);
        for (String id : kept) {
            given().get("/api/conflicts/" + id).then().statusCode(200);
        }
    }

    @Test
    void aQuestionIsAnsweredFromTheLastMeasuresWhileAnAnalysisRuns() throws Exception {
        long story = post("stories", "dalmor-atlas-offensive");
        analysis.drain();
        assertFalse(measures(story).isEmpty());

        // hold the story's measure rows so that the analysis started by the next article cannot replace them yet
        QuarkusTransaction.begin();
        try {
            StoredMeasure.getEntityManager().createNativeQuery("select id from measure where story_id = ?1 for update")
                    .setParameter(1, story).getResultList();
            assertEquals(story, post("stories", "dalmor-herald-refugees"));
            assertTrue(analysis.awaitAnalysing(Duration.ofSeconds(30)), "the story's analysis started");

            long started = System.nanoTime();
            Map<String, Object> answer = given().contentType(ContentType.JSON)
                    .body(Map.of("question", "How many people have fled the fighting in Dalmor?")).post("/api/chat").then()
                    .statusCode(200).extract().as(Map.class);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "the question did not wait");
            assertEquals(Boolean.TRUE, answer.get("analysisPending"), answer.toString());
            assertTrue(analysis.analysing(), "the analysis was still running when the answer came");
        } finally {
            QuarkusTransaction.rollback();
        }
        analysis.drain();
        given().get("/api/stories/" + story).then().statusCode(200).body("story.analysisPending", is(false));
    }
}
