package io.crosscheck.figures;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crosscheck.stories.Story;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * The measures cache when another instance analyses a story: the cache is keyed by the story's stored analysis time,
 * which every analysis writes in the transaction that replaces the measures, so the next read sees the other
 * instance's measures; until then it serves its copy without reading the measures again.
 */
@QuarkusTest
class MeasureCacheInstancesTest {

    @Inject
    MeasureService measures;

    @Inject
    StoryAnalysisService analysis;

    @Test
    void measuresWrittenByAnotherInstanceAreReadOnceItsAnalysisIsCommitted() {
        String id = "measure-cache-instances";
        given().contentType(ContentType.JSON).body(Map.of("id", id, "outlet", "Cache Courier", "text",
                "Officials said 64 schools were closed on Wednesday because of the flooding, and 12 bridges were shut."))
                .post("/api/articles").then().statusCode(201);
        long story = given().get("/api/articles/" + id).then().statusCode(200).extract().<Number> path("storyId").longValue();
        analysis.drain();
        List<MeasureVerdict> cached = measures.ofStories(List.of(story)).get(story);
        assertFalse(cached.isEmpty(), "the story has measures");

        // another instance's rows change without an analysis: this instance keeps serving its copy
        QuarkusTransaction.requiringNew().run(() -> StoredMeasure.delete("storyId", story));
        assertEquals(cached, measures.ofStories(List.of(story)).get(story));

        // another instance's analysis commits (measures and analysis time in one transaction): the next read sees it
        QuarkusTransaction.requiringNew().run(() -> Story.update("analysedAt = ?1 where id = ?2",
                OffsetDateTime.now(ZoneOffset.UTC), story));
        assertTrue(measures.ofStories(List.of(story)).get(story).isEmpty());

        given().delete("/api/articles/" + id).then().statusCode(204);
    }
}
