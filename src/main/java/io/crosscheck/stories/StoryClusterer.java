package io.crosscheck.stories;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Online story clustering in the manner of media-monitoring systems (Miranda et al., EMNLP 2018, "Multilingual
 * Clustering of Streaming News"): each article, as it arrives, joins the story it scores best with, or starts a new
 * one when no story scores at least the joining threshold. A story is scored by the cosine of the article's vector
 * with the story's centroid plus a weighted share of the article's salient names that the story's articles carry.
 * Meaning alone cannot tell two floods apart (they read alike) and lets one long war drift apart (its articles cover
 * different aspects); the names are what separate the first and hold the second together.
 * <p>
 * Scoring one candidate costs O(dim + names); the caller keeps the cost per article independent of the corpus by
 * passing only the stories {@link #isCandidate} admits.
 */
public final class StoryClusterer {

    /**
     * Days before a story's first and after its last article within which an article may still join it: half a year.
     * Inquiries, wars and strikes run for months, and a backfill can bring a long story's articles in any order, so
     * the window must bridge its earliest and latest articles. With 120 days the tune split's tunnel story (June to
     * late October, 150 days) split in three of seven arrival orders when its last article came before its middle one
     * (StoryEvaluationTest, errors per order). In a chronological stream only the gap between consecutive articles
     * matters; the cost per article grows with the stories active in the window, never with the corpus.
     */
    public static final int CANDIDATE_WINDOW_DAYS = 180;

    /**
     * Score at or above which an article joins a story. StoryEvaluationTest's sweep on the tune stories (B-cubed F1
     * over seven arrival orders) is at its best from 0.85 to 1.20 with {@link #DEFAULT_NAME_WEIGHT}: below, different
     * stories merge; above, a long story's later aspects fall apart. The plateau's centre, 1.025, is rounded up to the
     * grid because a wrong merge costs more than a split: figures of two different floods would be reported as
     * disagreeing sources.
     */
    public static final double DEFAULT_THRESHOLD = 1.05;

    /**
     * Weight of the name overlap (0..1) added to the cosine. In the same sweep meaning alone (weight 0) is at its best
     * only at a threshold of 0.80 and loses it 0.05 either side; weights 0.25, 0.5, 0.75 and 1.0 widen that plateau
     * to 0.80..0.95, 0.80..1.10, 0.85..1.20 and 0.95..1.30: 0.75 is the smaller of the two widest. Cosines alone overlap: articles of two
     * different strikes reach 0.79 while articles of one flood story fall to 0.80 (the sweep's hardest pairs).
     */
    public static final double DEFAULT_NAME_WEIGHT = 0.75;

    /**
     * How many of the article's most frequent names are looked up in the story. With the default weight the sweep's
     * plateau is 0.35 wide with the top 10 names, 0.20 with 5 (too few to cover places, people and organisations)
     * and 0.25 with 20 (names mentioned once in passing, an expert's university, dilute the share).
     */
    public static final int DEFAULT_TOP_NAMES = 10;

    /**
     * An article (or a story) naming fewer salient names than this has no names to vouch for a match or against it (a
     * brief about "the river bridge" and "the city engineer"): it is compared on meaning alone. Every article of the
     * evaluation corpus names more; briefs posted to the service named none and each became a story of its own.
     */
    public static final int MIN_NAMES = 2;

    /**
     * Cosine at or above which an article is placed on meaning alone. StoryEvaluationTest's sweep with names off
     * (weight 0) is at its best at 0.80 on the tune stories, where the hardest pairs of different stories reach 0.79;
     * 0.05 is added because a wrong merge (two floods' figures shown as disagreeing sources) costs more than a split.
     */
    public static final double MEANING_ONLY_THRESHOLD = 0.85;

    private final double threshold;
    private final double nameWeight;
    private final int topNames;

    public StoryClusterer() {
        this(DEFAULT_THRESHOLD, DEFAULT_NAME_WEIGHT, DEFAULT_TOP_NAMES);
    }

    public StoryClusterer(double threshold, double nameWeight, int topNames) {
        this.threshold = threshold;
        this.nameWeight = nameWeight;
        this.topNames = topNames;
    }

    /** Whether an article of this date may join the story; undated articles and stories are always admitted. */
    public static boolean isCandidate(StoryProfile story, LocalDate date) {
        if (date == null || story.first() == null) {
            return true;
        }
        return !date.isBefore(story.first().minusDays(CANDIDATE_WINDOW_DAYS))
                && !date.isAfter(story.last().plusDays(CANDIDATE_WINDOW_DAYS));
    }

    public double score(ArticleProfile a, StoryProfile s) {
        return s.cosine(a.vector()) + nameWeight * nameOverlap(a, s);
    }

    /**
     * The share of the article's top names the story carries, each name weighted by its occurrences in the article
     * and counted by the share of the story's articles that carry it: a name every article of the story carries (the
     * flooded valley) counts fully, one a single article of a long story mentioned (an aid agency) barely.
     */
    double nameOverlap(ArticleProfile a, StoryProfile s) {
        if (s.articles() == 0) {
            return 0;
        }
        double carried = 0;
        double total = 0;
        for (Map.Entry<String, Integer> name : top(a.names())) {
            total += name.getValue();
            carried += name.getValue() * (double) s.articlesNaming(name.getKey()) / s.articles();
        }
        return total == 0 ? 0 : carried / total;
    }

    /** The best story at or above the joining threshold, or empty: a new story. Deterministic (ties by lower id). */
    public Optional<StoryProfile> bestMatch(ArticleProfile a, Collection<StoryProfile> candidates) {
        StoryProfile best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (StoryProfile story : candidates) {
            boolean meaningOnly = a.names().size() < MIN_NAMES || story.nameArticles().size() < MIN_NAMES;
            // scores of the two kinds are put on one scale by their thresholds, so the best story wins either way
            double score = meaningOnly ? story.cosine(a.vector()) / MEANING_ONLY_THRESHOLD : score(a, story) / threshold;
            if (score >= 1 && (score > bestScore || score == bestScore && story.id() < best.id())) {
                best = story;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private List<Map.Entry<String, Integer>> top(Map<String, Integer> names) {
        return names.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(topNames).toList();
    }
}
