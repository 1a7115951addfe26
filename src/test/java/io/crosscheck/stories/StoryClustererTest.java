package io.crosscheck.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StoryClustererTest {

    private final StoryClusterer clusterer = new StoryClusterer();

    @Test
    void aFloodElsewhereStartsANewStoryDespiteReadingAlike() {
        StoryProfile vessen = story(1, article("v1", vector(0.0), Map.of("vessen", 4, "lorsch", 2, "eiden", 1), "2025-10-13"));

        ArticleProfile nerin = article("n1", vector(0.35), Map.of("nerin", 3, "valdora", 2, "tarrasca", 1), "2025-10-27");

        assertTrue(clusterer.score(nerin, vessen) > 0.9, "reads like the other flood");
        assertFalse(clusterer.bestMatch(nerin, List.of(vessen)).isPresent());
    }

    @Test
    void anArticleOnAnotherAspectOfAStoryJoinsItThroughItsNames() {
        StoryProfile war = story(2, article("d1", vector(0.0), Map.of("dalmor", 3, "vrenik", 2, "karvenia", 2), "2025-02-12"),
                article("d2", vector(0.1), Map.of("dalmor", 2, "karvenia", 1, "osei", 1), "2025-03-08"));

        ArticleProfile sanctions = article("d3", vector(0.7), Map.of("karvenia", 3, "dalmor", 1, "brask", 2), "2025-04-22");

        assertEquals(2, clusterer.bestMatch(sanctions, List.of(war)).orElseThrow().id());
    }

    @Test
    void nothingCloseMeansANewStory() {
        StoryProfile flood = story(1, article("v1", vector(0.0), Map.of("vessen", 1), "2025-10-13"));

        ArticleProfile unrelated = article("x", vector(1.4), Map.of("veltro", 2, "casella", 1), "2025-10-14");

        assertTrue(clusterer.bestMatch(unrelated, List.of(flood)).isEmpty());
        assertTrue(clusterer.bestMatch(unrelated, List.of()).isEmpty());
    }

    @Test
    void briefsNamingNothingArePlacedOnMeaningAlone() {
        StoryProfile bridge = story(3, article("b1", vector(0.0), Map.of(), "2025-03-05"));

        ArticleProfile sameClosure = article("b2", vector(0.4), Map.of(), "2025-03-06");
        ArticleProfile otherTopic = article("x", vector(0.7), Map.of(), "2025-03-06");

        assertEquals(3, clusterer.bestMatch(sameClosure, List.of(bridge)).orElseThrow().id(), "cosine 0.92 joins");
        assertTrue(clusterer.bestMatch(otherTopic, List.of(bridge)).isEmpty(), "cosine 0.76 does not");
    }

    @Test
    void tiesGoToTheLowerStoryId() {
        ArticleProfile seed = article("v1", vector(0.0), Map.of("vessen", 1), "2025-10-13");
        StoryProfile later = story(9, seed);
        StoryProfile earlier = story(4, seed);

        assertEquals(4, clusterer.bestMatch(seed, List.of(later, earlier)).orElseThrow().id());
    }

    @Test
    void storiesOutsideTheWindowAreNoCandidates() {
        StoryProfile story = story(1, article("v1", vector(0.0), Map.of("vessen", 1), "2025-10-13"));

        assertTrue(StoryClusterer.isCandidate(story, LocalDate.of(2025, 10, 13).plusDays(StoryClusterer.CANDIDATE_WINDOW_DAYS)));
        assertFalse(StoryClusterer.isCandidate(story, LocalDate.of(2025, 10, 13).plusDays(StoryClusterer.CANDIDATE_WINDOW_DAYS + 1)));
        assertTrue(StoryClusterer.isCandidate(story, null));
    }

    /** A unit vector at the given angle (radians) from the first axis: cosines between them are cos(angle difference). */
    private static float[] vector(double angle) {
        return new float[] { (float) Math.cos(angle), (float) Math.sin(angle), 0f };
    }

    private static ArticleProfile article(String id, float[] vector, Map<String, Integer> names, String date) {
        return new ArticleProfile(id, vector, names, LocalDate.parse(date));
    }

    private static StoryProfile story(long id, ArticleProfile... articles) {
        StoryProfile story = new StoryProfile(id);
        for (ArticleProfile a : articles) {
            story.add(a);
        }
        return story;
    }
}
