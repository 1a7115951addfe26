package io.crosscheck.stories;

import java.time.LocalDate;
import java.util.Map;

/**
 * An article as story clustering sees it.
 *
 * @param vector L2-normalised mean of the article's chunk embeddings
 * @param names salient name (lower-cased, see {@link SalientNames}) to its occurrences in the article
 * @param publishedAt publication date, or null when the article states none
 */
public record ArticleProfile(String articleId, float[] vector, Map<String, Integer> names, LocalDate publishedAt) {

    public ArticleProfile {
        names = Map.copyOf(names);
    }
}
