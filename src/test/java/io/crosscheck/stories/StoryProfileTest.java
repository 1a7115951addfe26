package io.crosscheck.stories;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StoryProfileTest {

    private static final ArticleProfile FIRST = new ArticleProfile("a", new float[] { 0.6f, 0.8f, 0f },
            Map.of("vessen", 3, "lorsch", 1), LocalDate.of(2025, 10, 13));
    private static final ArticleProfile SECOND = new ArticleProfile("b", new float[] { 0f, 0.6f, 0.8f },
            Map.of("vessen", 2, "eiden", 1), LocalDate.of(2025, 10, 16));
    private static final ArticleProfile LATE = new ArticleProfile("c", new float[] { 0.8f, 0f, 0.6f },
            Map.of("vessen", 1, "sand", 2), LocalDate.of(2025, 12, 2));

    @Test
    void addingThenRemovingGivesBackTheProfileBefore() {
        StoryProfile story = new StoryProfile(7);
        story.add(FIRST);
        story.add(SECOND);
        float[] sum = story.vectorSum();
        Map<String, Integer> names = story.nameArticles();

        story.add(LATE);
        story.remove(LATE);

        assertArrayEquals(sum, story.vectorSum(), 1e-6f);
        assertEquals(names, story.nameArticles());
        assertEquals(2, story.articles());
        assertEquals(LocalDate.of(2025, 10, 13), story.first());
        assertEquals(LocalDate.of(2025, 10, 16), story.last());
    }

    @Test
    void countsEachNameOncePerArticleAndDropsItWithItsLastArticle() {
        StoryProfile story = new StoryProfile(1);
        story.add(FIRST);
        story.add(SECOND);

        assertEquals(Map.of("vessen", 2, "lorsch", 1, "eiden", 1), story.nameArticles());
        story.remove(FIRST);
        assertEquals(Map.of("vessen", 1, "eiden", 1), story.nameArticles());
        assertEquals(LocalDate.of(2025, 10, 16), story.first());
    }

    @Test
    void centroidIsTheNormalisedSumAndTopNamesFollowArticleCounts() {
        StoryProfile story = new StoryProfile(1);
        story.add(FIRST);
        story.add(SECOND);

        float[] centroid = story.centroid();
        double norm = Math.sqrt(0.36 + 1.96 + 0.64);
        assertArrayEquals(new float[] { (float) (0.6 / norm), (float) (1.4 / norm), (float) (0.8 / norm) }, centroid, 1e-6f);
        assertEquals(List.of("vessen", "eiden"), story.topNames(2));
    }

    @Test
    void restoredProfileScoresLikeTheOriginalAndKeepsItsSpanUntilEmpty() {
        StoryProfile original = new StoryProfile(3);
        original.add(FIRST);
        original.add(SECOND);
        original.add(LATE);
        StoryProfile restored = StoryProfile.restore(3, original.vectorSum(), original.articles(), original.nameArticles(),
                original.first(), original.last());

        assertArrayEquals(original.centroid(), restored.centroid(), 1e-6f);
        restored.remove(LATE);
        assertEquals(LocalDate.of(2025, 12, 2), restored.last());
        restored.remove(FIRST);
        restored.remove(SECOND);
        assertEquals(0, restored.articles());
        assertNull(restored.first());
        assertEquals(Map.of(), restored.nameArticles());
    }

    @Test
    void aNewVectorOfTheSameDimensionReplacesTheOldInTheSum() {
        StoryProfile story = new StoryProfile(1);
        story.add(FIRST);
        story.add(SECOND);

        story.revector(FIRST.vector(), LATE.vector());

        assertArrayEquals(new float[] { 0.8f, 0.6f, 1.4f }, story.vectorSum(), 1e-6f);
        assertEquals(2, story.articles());
    }

    @Test
    void vectorsOfAnotherDimensionAreNeverMixedIntoTheSum() {
        StoryProfile story = new StoryProfile(1);
        story.add(FIRST);
        story.add(SECOND);
        float[] wider = { 0.5f, 0.5f, 0.5f, 0.5f };

        // the first article re-embedded by a model of four dimensions starts the sum again
        story.revector(FIRST.vector(), wider);
        assertArrayEquals(wider, story.vectorSum(), 1e-6f);
        assertEquals(0.0, story.cosine(new float[] { 0f, 0.6f, 0.8f }), "an old vector is not compared with the new sum");
        assertEquals(1.0, story.cosine(wider), 1e-6);

        // the second rejoins it when its turn comes; its old vector is not in the sum to be taken out
        story.revector(SECOND.vector(), new float[] { 0.5f, -0.5f, 0.5f, -0.5f });
        assertArrayEquals(new float[] { 1f, 0f, 1f, 0f }, story.vectorSum(), 1e-6f);
        assertEquals(2, story.articles());

        // removing an article whose vector is of the old dimension leaves the sum alone
        story.remove(LATE);
        assertArrayEquals(new float[] { 1f, 0f, 1f, 0f }, story.vectorSum(), 1e-6f);
    }
}
