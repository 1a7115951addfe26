package io.crosscheck.stories;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A story's running representation: the sum of its articles' vectors, how many of its articles carry each name, its
 * date span and its article count. Kept as sums rather than averages so that adding and then removing an article
 * gives back the profile before it (up to floating-point rounding of the vector sum, which is held in doubles).
 */
public final class StoryProfile {

    private final long id;
    private double[] vectorSum;
    private int articles;
    private final Map<String, Integer> nameArticles = new HashMap<>();
    /** Publication dates of the added articles with their counts, so that removing one narrows the span exactly. */
    private final TreeMap<LocalDate, Integer> dates = new TreeMap<>();
    /**
     * The span a restored profile was saved with. Its articles' individual dates are not stored, so removals cannot
     * narrow it; it is dropped when the story empties.
     */
    private LocalDate restoredFirst;
    private LocalDate restoredLast;

    public StoryProfile(long id) {
        this.id = id;
    }

    public static StoryProfile restore(long id, float[] vectorSum, int articles, Map<String, Integer> nameArticles,
            LocalDate first, LocalDate last) {
        StoryProfile story = new StoryProfile(id);
        story.vectorSum = new double[vectorSum.length];
        for (int i = 0; i < vectorSum.length; i++) {
            story.vectorSum[i] = vectorSum[i];
        }
        story.articles = articles;
        story.nameArticles.putAll(nameArticles);
        story.restoredFirst = first;
        story.restoredLast = last;
        return story;
    }

    public long id() {
        return id;
    }

    public float[] vectorSum() {
        float[] sum = new float[vectorSum == null ? 0 : vectorSum.length];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = (float) vectorSum[i];
        }
        return sum;
    }

    public int articles() {
        return articles;
    }

    public Map<String, Integer> nameArticles() {
        return Map.copyOf(nameArticles);
    }

    /** How many of the story's articles carry the name. */
    int articlesNaming(String name) {
        return nameArticles.getOrDefault(name, 0);
    }

    public LocalDate first() {
        LocalDate added = dates.isEmpty() ? null : dates.firstKey();
        return earlier(added, restoredFirst);
    }

    public LocalDate last() {
        LocalDate added = dates.isEmpty() ? null : dates.lastKey();
        return later(added, restoredLast);
    }

    public void add(ArticleProfile a) {
        addVector(a.vector());
        articles++;
        a.names().keySet().forEach(name -> nameArticles.merge(name, 1, Integer::sum));
        if (a.publishedAt() != null) {
            dates.merge(a.publishedAt(), 1, Integer::sum);
        }
    }

    /** Takes back an article added earlier (or before a restore); removing one never added corrupts the profile. */
    public void remove(ArticleProfile a) {
        if (vectorSum != null && a.vector().length == vectorSum.length) {
            for (int i = 0; i < vectorSum.length; i++) {
                vectorSum[i] -= a.vector()[i];
            }
        }
        articles--;
        a.names().keySet().forEach(name -> nameArticles.computeIfPresent(name, (n, c) -> c > 1 ? c - 1 : null));
        if (a.publishedAt() != null) {
            dates.computeIfPresent(a.publishedAt(), (d, c) -> c > 1 ? c - 1 : null);
        }
        if (articles == 0) {
            vectorSum = new double[vectorSum.length];
            restoredFirst = null;
            restoredLast = null;
        }
    }

    /** An article of the story has a new vector (its chunks were embedded again with another model). */
    public void revector(float[] before, float[] after) {
        if (vectorSum != null && before.length == vectorSum.length && after.length == vectorSum.length) {
            for (int i = 0; i < vectorSum.length; i++) {
                vectorSum[i] -= before[i];
            }
        }
        addVector(after);
    }

    /**
     * Adds a vector to the sum. The sum holds vectors of one dimension only: a vector of another (a new embedding
     * model's) starts the sum again, and the story's other articles rejoin it as they are embedded again
     * ({@link #revector}); until then the story is matched by its names.
     */
    private void addVector(float[] vector) {
        if (vectorSum == null || vectorSum.length != vector.length) {
            vectorSum = new double[vector.length];
        }
        for (int i = 0; i < vectorSum.length; i++) {
            vectorSum[i] += vector[i];
        }
    }

    /** The L2-normalised mean direction of the story's articles; all zeros for an empty story. */
    public float[] centroid() {
        float[] centroid = new float[vectorSum == null ? 0 : vectorSum.length];
        double norm = norm();
        for (int i = 0; i < centroid.length && norm > 0; i++) {
            centroid[i] = (float) (vectorSum[i] / norm);
        }
        return centroid;
    }

    /** Cosine of a normalised vector with the centroid, in O(dim) without building the centroid. */
    double cosine(float[] normalised) {
        double norm = norm();
        if (norm == 0 || normalised.length != vectorSum.length) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < vectorSum.length; i++) {
            dot += vectorSum[i] * normalised[i];
        }
        return dot / norm;
    }

    /** The names most of the story's articles carry, for labelling it; ties alphabetically. */
    public List<String> topNames(int n) {
        return nameArticles.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    private double norm() {
        if (vectorSum == null) {
            return 0;
        }
        double sum = 0;
        for (double v : vectorSum) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
