package io.crosscheck.stories;

import java.time.LocalDate;
import java.util.List;
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

    /** An article's vector: the L2-normalised mean of its chunk vectors (the service and the evaluations use this). */
    public static float[] meanOf(List<float[]> chunkVectors) {
        float[] mean = new float[chunkVectors.get(0).length];
        for (float[] v : chunkVectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i];
            }
        }
        double norm = 0;
        for (float x : mean) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < mean.length && norm > 0; i++) {
            mean[i] /= (float) norm;
        }
        return mean;
    }
}
