package io.crosscheck.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.crosscheck.ingest.Chunker;
import io.crosscheck.stories.ArticleProfile;
import io.crosscheck.stories.SalientNames;
import io.crosscheck.stories.StoryClusterer;
import io.crosscheck.text.CleanedText;
import io.crosscheck.text.TextCleaner;
import io.crosscheck.text.WordPieceCounter;

/**
 * Online story clustering on the seeds, our own articles and the story articles, against hand-made gold stories:
 * B-cubed precision, recall and F1 over several arrival orders, for the stories the constants were tuned on, the
 * held-out stories, and all. The threshold sweep runs on the tune stories alone. Run with
 * {@code ./mvnw -Peval test -Dtest=StoryEvaluationTest}; results go to docs/evaluation/stories.md.
 */
@Tag("eval")
class StoryEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHUFFLES = 5;
    private static final double[] THRESHOLDS = { 0.75, 0.80, 0.85, 0.90, 0.95, 1.00, 1.05, 1.10, 1.15, 1.20, 1.25, 1.30, 1.35 };
    private static final double[] NAME_WEIGHTS = { 0.0, 0.25, 0.5, 0.75, 1.0 };
    private static final int[] TOP_NAMES = { 5, 10, 20 };

    record Gold(Map<String, String> storyOf, Map<String, String> splitOf) {
    }

    record Scores(double precision, double recall, double f1) {
    }

    @Test
    void bCubedOverArrivalOrders() throws IOException {
        Gold gold = gold();
        List<ArticleProfile> profiles = profiles(docs());
        Map<String, List<ArticleProfile>> orders = orders(profiles);

        StringBuilder report = new StringBuilder("# Story clustering evaluation\n\n")
                .append("Command: `./mvnw -Peval test -Dtest=StoryEvaluationTest` (plain JUnit, no server).\n\n")
                .append(String.format("Corpus: %d articles in %d gold stories (`src/test/resources/eval/story-gold.json`): the 5 "
                        + "seeds, `eval/articles/` and `eval/stories/`. Each article is cleaned, chunked (150/220/300 tokens, 50 "
                        + "overlap) and embedded with bge-small-en-v1.5 (quantized) as the service does; its vector is the "
                        + "L2-normalised mean of its chunk vectors and its names are `SalientNames.of(title, text, outlet)`. "
                        + "Articles are clustered online, one pass, in %d arrival orders: chronological (undated seeds first), "
                        + "reverse chronological and %d seeded shuffles. Only stories `StoryClusterer.isCandidate` admits "
                        + "(window %d days) are offered to `bestMatch`, as the service does.%n%n",
                        profiles.size(), new HashSet<>(gold.storyOf().values()).size(), orders.size(), SHUFFLES,
                        StoryClusterer.CANDIDATE_WINDOW_DAYS))
                .append("B-cubed: for each article, precision is the share of its cluster in its gold story and recall the share "
                        + "of its gold story in its cluster; averaged over the articles of a split (clusters are formed over the "
                        + "whole corpus). Mean and minimum over the orders.\n\n");

        report.append(String.format("## Result with the defaults (threshold %.2f, name weight %.2f, top %d names)%n%n",
                StoryClusterer.DEFAULT_THRESHOLD, StoryClusterer.DEFAULT_NAME_WEIGHT, StoryClusterer.DEFAULT_TOP_NAMES))
                .append("| split | articles | stories | precision mean | recall mean | F1 mean | precision min | recall min | F1 min |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        StoryClusterer defaults = new StoryClusterer();
        Map<String, Map<String, Integer>> clusterings = new LinkedHashMap<>();
        orders.forEach((name, order) -> clusterings.put(name, EvalStories.onlinePass(order, defaults)));
        Map<String, Predicate<String>> splits = new LinkedHashMap<>();
        splits.put("tune", id -> gold.splitOf().get(gold.storyOf().get(id)).equals("tune"));
        splits.put("held-out", id -> gold.splitOf().get(gold.storyOf().get(id)).equals("heldout"));
        splits.put("all", id -> true);
        for (var split : splits.entrySet()) {
            List<Scores> perOrder = clusterings.values().stream().map(c -> bCubed(c, gold, split.getValue())).toList();
            long articles = profiles.stream().map(ArticleProfile::articleId).filter(split.getValue()).count();
            long stories = profiles.stream().map(ArticleProfile::articleId).filter(split.getValue()).map(gold.storyOf()::get).distinct().count();
            report.append(String.format("| %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", split.getKey(), articles, stories,
                    mean(perOrder, Scores::precision), mean(perOrder, Scores::recall), mean(perOrder, Scores::f1),
                    min(perOrder, Scores::precision), min(perOrder, Scores::recall), min(perOrder, Scores::f1)));
        }
        List<ArticleProfile> tune = profiles.stream().filter(p -> splits.get("tune").test(p.articleId())).toList();
        Map<String, List<ArticleProfile>> tuneOrders = orders(tune);
        double meaningOnly = bestThreshold(tuneOrders, gold, 0);
        StoryClusterer withoutNames = new StoryClusterer(meaningOnly, 0, StoryClusterer.DEFAULT_TOP_NAMES);
        List<Scores> ablation = orders.values().stream()
                .map(o -> bCubed(EvalStories.onlinePass(o, withoutNames), gold, splits.get("held-out"))).toList();
        report.append(String.format("%nMeaning alone (name weight 0, threshold %.2f, the best of that row on the tune stories), "
                + "held-out stories: precision %.3f, recall %.3f, F1 %.3f (mean); F1 min %.3f.%n", meaningOnly,
                mean(ablation, Scores::precision), mean(ablation, Scores::recall), mean(ablation, Scores::f1), min(ablation, Scores::f1)));
        report.append("\n### Errors per order\n\n").append(errors(clusterings, gold));

        report.append("\n## Threshold sweep (tune stories only)\n\n")
                .append("Clustering only the tune split's articles, B-cubed F1 as mean / min over the orders. Rows: weight of the name "
                        + "overlap; columns: joining threshold; top names fixed at the default.\n\n");
        report.append(sweep(tuneOrders, gold, StoryClusterer.DEFAULT_TOP_NAMES, NAME_WEIGHTS));
        for (int top : TOP_NAMES) {
            if (top != StoryClusterer.DEFAULT_TOP_NAMES) {
                report.append(String.format("%nTop %d names:%n%n", top))
                        .append(sweep(tuneOrders, gold, top, new double[] { StoryClusterer.DEFAULT_NAME_WEIGHT }));
            }
        }
        report.append("\n## Hardest pairs (article vectors, tune stories)\n\n").append(hardestPairs(tune, gold));

        System.out.println(report);
        Files.writeString(Path.of("docs/evaluation/stories.md"), report.toString());
    }

    private static String sweep(Map<String, List<ArticleProfile>> orders, Gold gold, int topNames, double[] weights) {
        StringBuilder table = new StringBuilder("| name weight |");
        for (double t : THRESHOLDS) {
            table.append(String.format(" %.2f |", t));
        }
        table.append("\n|---|").append("---|".repeat(THRESHOLDS.length)).append('\n');
        for (double w : weights) {
            table.append(String.format("| %.2f |", w));
            for (double t : THRESHOLDS) {
                StoryClusterer clusterer = new StoryClusterer(t, w, topNames);
                List<Scores> perOrder = orders.values().stream().map(o -> bCubed(EvalStories.onlinePass(o, clusterer), gold, id -> true)).toList();
                table.append(String.format(" %.3f / %.3f |", mean(perOrder, Scores::f1), min(perOrder, Scores::f1)));
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static double bestThreshold(Map<String, List<ArticleProfile>> orders, Gold gold, double nameWeight) {
        double best = THRESHOLDS[0];
        double bestF1 = -1;
        for (double t : THRESHOLDS) {
            StoryClusterer clusterer = new StoryClusterer(t, nameWeight, StoryClusterer.DEFAULT_TOP_NAMES);
            double f1 = mean(orders.values().stream().map(o -> bCubed(EvalStories.onlinePass(o, clusterer), gold, id -> true)).toList(), Scores::f1);
            if (f1 > bestF1) {
                best = t;
                bestF1 = f1;
            }
        }
        return best;
    }

    private static Scores bCubed(Map<String, Integer> clusters, Gold gold, Predicate<String> counted) {
        double precision = 0;
        double recall = 0;
        int n = 0;
        for (String id : clusters.keySet()) {
            if (!counted.test(id)) {
                continue;
            }
            long cluster = clusters.values().stream().filter(c -> c.equals(clusters.get(id))).count();
            long story = clusters.keySet().stream().filter(o -> gold.storyOf().get(o).equals(gold.storyOf().get(id))).count();
            long both = clusters.keySet().stream().filter(o -> clusters.get(o).equals(clusters.get(id))
                    && gold.storyOf().get(o).equals(gold.storyOf().get(id))).count();
            precision += (double) both / cluster;
            recall += (double) both / story;
            n++;
        }
        precision /= n;
        recall /= n;
        return new Scores(precision, recall, 2 * precision * recall / (precision + recall));
    }

    /** For each order, the gold stories split over several clusters and the clusters mixing gold stories. */
    private static String errors(Map<String, Map<String, Integer>> clusterings, Gold gold) {
        StringBuilder out = new StringBuilder();
        clusterings.forEach((order, clusters) -> {
            Map<Integer, List<String>> members = new TreeMap<>();
            clusters.forEach((id, c) -> members.computeIfAbsent(c, k -> new ArrayList<>()).add(id));
            List<String> problems = new ArrayList<>();
            Map<String, Set<Integer>> clustersOfStory = new TreeMap<>();
            clusters.forEach((id, c) -> clustersOfStory.computeIfAbsent(gold.storyOf().get(id), k -> new TreeSet<>()).add(c));
            clustersOfStory.forEach((story, cs) -> {
                if (cs.size() > 1) {
                    problems.add("split " + story + ": " + cs.stream().map(c -> members.get(c).stream()
                            .filter(id -> gold.storyOf().get(id).equals(story)).toList().toString()).collect(Collectors.joining(" | ")));
                }
            });
            members.values().forEach(ids -> {
                Set<String> stories = ids.stream().map(gold.storyOf()::get).collect(Collectors.toCollection(TreeSet::new));
                if (stories.size() > 1) {
                    problems.add("merged " + stories + ": " + ids);
                }
            });
            out.append("- ").append(order).append(": ").append(problems.isEmpty() ? "no error" : String.join("; ", problems)).append('\n');
        });
        return out.toString();
    }

    /** The most similar articles of different stories and the least similar of one story: why meaning alone fails. */
    private static String hardestPairs(List<ArticleProfile> profiles, Gold gold) {
        record Pair(String a, String b, double cosine) {
        }
        List<Pair> across = new ArrayList<>();
        List<Pair> within = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            for (int j = i + 1; j < profiles.size(); j++) {
                ArticleProfile a = profiles.get(i);
                ArticleProfile b = profiles.get(j);
                Pair pair = new Pair(a.articleId(), b.articleId(), dot(a.vector(), b.vector()));
                (gold.storyOf().get(a.articleId()).equals(gold.storyOf().get(b.articleId())) ? within : across).add(pair);
            }
        }
        across.sort(Comparator.comparingDouble(Pair::cosine).reversed());
        within.sort(Comparator.comparingDouble(Pair::cosine));
        StringBuilder out = new StringBuilder("| kind | article | article | cosine |\n|---|---|---|---|\n");
        across.stream().limit(5).forEach(p -> out.append(String.format("| different stories | %s | %s | %.3f |%n", p.a(), p.b(), p.cosine())));
        within.stream().limit(5).forEach(p -> out.append(String.format("| same story | %s | %s | %.3f |%n", p.a(), p.b(), p.cosine())));
        return out.toString();
    }

    private static Map<String, List<ArticleProfile>> orders(List<ArticleProfile> profiles) {
        List<ArticleProfile> chronological = new ArrayList<>(profiles);
        chronological.sort(Comparator.comparing(ArticleProfile::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ArticleProfile::articleId));
        Map<String, List<ArticleProfile>> orders = new LinkedHashMap<>();
        orders.put("chronological", chronological);
        List<ArticleProfile> reverse = new ArrayList<>(chronological);
        Collections.reverse(reverse);
        orders.put("reverse", reverse);
        for (int seed = 1; seed <= SHUFFLES; seed++) {
            List<ArticleProfile> shuffled = new ArrayList<>(chronological);
            Collections.shuffle(shuffled, new Random(seed));
            orders.put("shuffle " + seed, shuffled);
        }
        return orders;
    }

    /** Each article as the service would profile it: cleaned, chunked, chunk vectors averaged and normalised. */
    private static List<ArticleProfile> profiles(List<EvalCorpus.Doc> docs) {
        Chunker chunker = new Chunker(150, 220, 300, 50, WordPieceCounter::count);
        Map<String, CleanedText> cleaned = new LinkedHashMap<>();
        Map<String, List<String>> chunks = new LinkedHashMap<>();
        for (EvalCorpus.Doc doc : docs) {
            CleanedText text = TextCleaner.clean(doc.raw(), TextCleaner.Format.TEXT);
            cleaned.put(doc.id(), text);
            chunks.put(doc.id(), chunker.chunk(text.text()).stream().map(p -> text.text().substring(p.start(), p.end())).toList());
        }
        List<String> distinct = chunks.values().stream().flatMap(List::stream).distinct().toList();
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        List<float[]> vectors = model.embedAll(distinct.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> e.vector()).toList();
        Map<String, float[]> vectorOf = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            vectorOf.put(distinct.get(i), vectors.get(i));
        }
        List<ArticleProfile> profiles = new ArrayList<>();
        for (EvalCorpus.Doc doc : docs) {
            CleanedText text = cleaned.get(doc.id());
            String title = doc.title() != null ? doc.title() : text.title();
            String outlet = doc.outlet() != null ? doc.outlet() : text.outlet();
            LocalDate date = doc.publishedAt() != null ? doc.publishedAt() : text.publishedAt();
            profiles.add(new ArticleProfile(doc.id(), ArticleProfile.meanOf(chunks.get(doc.id()).stream().map(vectorOf::get).toList()),
                    SalientNames.of(title, text.text(), outlet), date));
        }
        return profiles;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static List<EvalCorpus.Doc> docs() {
        return EvalStories.allDocs();
    }

    private static Gold gold() throws IOException {
        JsonNode json = JSON.readTree(EvalCorpus.resource("/eval/story-gold.json"));
        Map<String, String> storyOf = new HashMap<>();
        Map<String, String> splitOf = new HashMap<>();
        json.get("stories").forEach(story -> {
            splitOf.put(story.get("story").asText(), story.get("split").asText());
            story.get("articles").forEach(a -> storyOf.put(a.asText(), story.get("story").asText()));
        });
        return new Gold(storyOf, splitOf);
    }

    private static double mean(List<Scores> scores, ToDoubleFunction<Scores> metric) {
        return scores.stream().mapToDouble(metric).average().orElse(0);
    }

    private static double min(List<Scores> scores, ToDoubleFunction<Scores> metric) {
        return scores.stream().mapToDouble(metric).min().orElse(0);
    }
}
