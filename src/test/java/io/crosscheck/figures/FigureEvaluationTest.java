package io.crosscheck.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.crosscheck.eval.EvalStories;
import io.crosscheck.figures.MeasureVerdict.Status;
import io.crosscheck.text.CleanedText;
import io.crosscheck.text.TextCleaner;

/**
 * Figure extraction, grouping and verdict quality against hand-made gold: the five seed articles and the team's own
 * articles. Prints a table and writes it to docs/evaluation/figures.md.
 */
@Tag("eval")
class FigureEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTES_HEADING = "## Notes (kept when the report is generated again)";
    private static final Set<String> STOPWORDS = Set.of("the", "of", "and", "s", "a", "an", "in", "with", "for", "from");

    private record Article(String id, CleanedText cleaned, LocalDate date, String title, String outlet) {
    }

    private record GoldFigure(String measure, String verdict, String article, String span, Double low, Double high,
            String attribution, boolean derived) {
    }

    private record Result(String corpus, int articles, int gold, int goldMatched, int predicted, int predictedTrue,
            int predictedWithEvent, int predictedWithEventTrue, int boundsChecked, int boundsCorrect, int attributionChecked,
            int attributionCorrect, double groupingPrecision, double groupingRecall, int verdictChecked,
            int verdictCorrect, double msPerArticle, List<String> verdictLines, List<String> misses) {

        double recall() {
            return ratio(goldMatched, gold);
        }

        double precision() {
            return ratio(predictedTrue, predicted);
        }

        double eventPrecision() {
            return ratio(predictedWithEventTrue, predictedWithEvent);
        }

        double groupingF1() {
            return groupingPrecision + groupingRecall == 0 ? 0
                    : 2 * groupingPrecision * groupingRecall / (groupingPrecision + groupingRecall);
        }
    }

    @Test
    void evaluate() throws IOException {
        EmbeddingModel model = new CachingModel(new BgeSmallEnV15QuantizedEmbeddingModel());
        List<Article> seeds = seedArticles();
        List<Article> own = ownArticles();
        List<Article> seedsAndOwn = new ArrayList<>(seeds);
        seedsAndOwn.addAll(own);
        List<Article> whole = new ArrayList<>(seedsAndOwn);
        whole.addAll(storyArticles());
        List<GoldFigure> seedGold = gold(Path.of("src/test/resources/eval/seed-figures.json"));
        Path ownGoldFile = Path.of("src/test/resources/eval/own-figures.json");
        List<GoldFigure> ownGold = gold(ownGoldFile);
        List<GoldFigure> allGold = new ArrayList<>(seedGold);
        allGold.addAll(ownGold);
        Set<String> heldOut = heldOut(ownGoldFile);
        Set<String> tuned = own.stream().map(Article::id).filter(id -> !heldOut.contains(id)).collect(Collectors.toSet());
        Map<String, String> goldStories = EvalStories.goldStoryOf();
        Map<String, String> clusteredStories = EvalStories.clusteredStoryOf(EvalStories.allDocs(), model);

        StringBuilder sweep = new StringBuilder("| threshold | seed grouping F1 | own grouping F1 | seed verdicts | own verdicts |\n|---|---|---|---|---|\n");
        for (double threshold = 0.66; threshold <= 0.921; threshold += 0.02) {
            MeasureGrouper grouper = new MeasureGrouper(model, threshold, MeasureGrouper.DEFAULT_CONTEXT_THRESHOLD);
            Result s = run("seed", seeds, seedGold, allOf(seeds), grouper, goldStories);
            Result o = run("own", own, ownGold, tuned, grouper, goldStories);
            sweep.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | %d/%d | %d/%d |%n", threshold, s.groupingF1(),
                    o.groupingF1(), s.verdictCorrect(), s.verdictChecked(), o.verdictCorrect(), o.verdictChecked()));
        }
        StringBuilder contextSweep = new StringBuilder("| context threshold | seed grouping F1 | own grouping F1 | seed verdicts | own verdicts |\n|---|---|---|---|---|\n");
        for (double threshold = 0.50; threshold <= 0.901; threshold += 0.04) {
            MeasureGrouper grouper = new MeasureGrouper(model, MeasureGrouper.DEFAULT_THRESHOLD, threshold);
            Result s = run("seed", seeds, seedGold, allOf(seeds), grouper, goldStories);
            Result o = run("own", own, ownGold, tuned, grouper, goldStories);
            contextSweep.append(String.format(Locale.ROOT, "| %.2f | %.3f | %.3f | %d/%d | %d/%d |%n", threshold, s.groupingF1(),
                    o.groupingF1(), s.verdictCorrect(), s.verdictChecked(), o.verdictCorrect(), o.verdictChecked()));
        }
        MeasureGrouper grouper = new MeasureGrouper(model);
        Result seed = run("seed", seeds, seedGold, allOf(seeds), grouper, goldStories);
        Result mine = run("own", own, ownGold, tuned, grouper, goldStories);
        Result held = run("held-out", own, ownGold, heldOut, grouper, goldStories);
        List<Result> clustered = List.of(run("seed", seedsAndOwn, allGold, allOf(seeds), grouper, clusteredStories),
                run("own", seedsAndOwn, allGold, tuned, grouper, clusteredStories),
                run("held-out", seedsAndOwn, allGold, heldOut, grouper, clusteredStories));
        List<Result> wholeStories = List.of(run("seed", whole, allGold, allOf(seeds), grouper, goldStories),
                run("own", whole, allGold, tuned, grouper, goldStories),
                run("held-out", whole, allGold, heldOut, grouper, goldStories));

        StringBuilder report = new StringBuilder();
        report.append("# Figure extraction evaluation\n\n");
        report.append("Generated by `./mvnw -Peval test -Dtest='FigureEvaluationTest'`. Rule-based extraction, grouping with ")
                .append("bge-small-en-v1.5 (quantized) at phrase threshold ").append(MeasureGrouper.DEFAULT_THRESHOLD)
                .append(" and context threshold ").append(MeasureGrouper.DEFAULT_CONTEXT_THRESHOLD).append(".\n\n");
        report.append("A predicted figure is a true positive when it overlaps a gold span of the same article. The gold ")
                .append("annotates only figures of each story's measures, so plain precision counts every other number as ")
                .append("an error; 'precision (with event)' is restricted to figures the extractor assigned an event.\n\n");
        report.append("As the service does, figures are grouped into measures story by story: `ConflictAnalyzer` runs once per ")
                .append("story, so figures of different stories never share a measure. The main table takes the stories from ")
                .append("`story-gold.json`. The own articles are scored in two parts: the articles the rules and thresholds were ")
                .append("tuned on, and held-out articles (listed under `heldOut` in own-figures.json) that were written before ")
                .append("tuning and never inspected while tuning. The sweeps below use only the seed and tuned articles.\n\n");
        List<Result> columns = List.of(seed, mine, held);
        report.append("| metric | seed corpus | own corpus (tuned) | own corpus (held-out) |\n|---|---|---|---|\n");
        row(report, "articles", columns, r -> String.valueOf(r.articles()));
        row(report, "gold figures", columns, r -> String.valueOf(r.gold()));
        row(report, "predicted figures", columns, r -> String.valueOf(r.predicted()));
        row(report, "figure recall", columns, r -> pct(r.recall()));
        row(report, "figure precision (all)", columns, r -> pct(r.precision()));
        row(report, "figure precision (with event)", columns, r -> pct(r.eventPrecision()));
        row(report, "bounds correct (matched)", columns, r -> pct(ratio(r.boundsCorrect(), r.boundsChecked())));
        row(report, "attribution accuracy (lenient)", columns, r -> pct(ratio(r.attributionCorrect(), r.attributionChecked())));
        grouping(report, columns);
        row(report, "extraction time per article", columns, r -> String.format(Locale.ROOT, "%.1f ms", r.msPerArticle()));
        report.append('\n');
        report.append("## End to end: stories from StoryClusterer\n\n")
                .append("The 42 articles of the seeds, `eval/articles/` and `eval/stories/` are profiled as the service profiles ")
                .append("them and assigned online by `StoryClusterer` (defaults) in chronological order; the figures of the seed ")
                .append("and own articles are then grouped per assigned story. Clusters formed: ")
                .append(clusterSummary(clusteredStories, goldStories)).append(".\n\n");
        report.append("| metric | seed corpus | own corpus (tuned) | own corpus (held-out) |\n|---|---|---|---|\n");
        grouping(report, clustered);
        report.append('\n');
        report.append("## Gold stories with all their articles\n\n")
                .append("The same gold stories, each with its `eval/stories/` articles too (42 articles), as a stored corpus holds ")
                .append("them. Only the annotated articles are scored. Grouping is still pairwise over gold figures; the gold ")
                .append("verdicts were written for the annotated articles alone, so a verdict may change rightly when a later ")
                .append("article adds a figure, and verdict agreement here is indicative only.\n\n");
        report.append("| metric | seed corpus | own corpus (tuned) | own corpus (held-out) |\n|---|---|---|---|\n");
        grouping(report, wholeStories);
        report.append('\n');
        report.append("## Threshold sweep (counted-phrase cosine similarity, context threshold fixed)\n\n").append(sweep).append('\n');
        report.append("## Context threshold sweep (sentence cosine similarity, phrase threshold fixed)\n\n").append(contextSweep).append('\n');
        for (Result result : columns) {
            report.append("## Verdicts per gold measure: ").append(result.corpus()).append(" corpus\n\n");
            result.verdictLines().forEach(line -> report.append("- ").append(line).append('\n'));
            report.append("\n## Gold figures missed: ").append(result.corpus()).append(" corpus\n\n");
            result.misses().forEach(line -> report.append("- ").append(line).append('\n'));
            report.append('\n');
        }
        report.append("## Measure labels: own corpus (tuned articles)\n\n")
                .append("Every measure of the tuned own articles, named as the service names them (`MeasureLabels`; a measure ")
                .append("with nothing to name it by is left out, as the service leaves it out). Held-out articles are not listed.\n\n");
        List<Article> tunedArticles = own.stream().filter(a -> tuned.contains(a.id())).toList();
        Map<String, List<String>> labelsByStory = new TreeMap<>();
        for (MeasureVerdict verdict : analyzePerStory(corpusFigures(tunedArticles), grouper, goldStories)) {
            String label = MeasureLabels.named(verdict).label();
            if (!label.isBlank()) {
                labelsByStory.computeIfAbsent(verdict.measureId().substring(0, verdict.measureId().indexOf('/')),
                        k -> new ArrayList<>()).add(label);
            }
        }
        labelsByStory.forEach((story, labels) -> report.append("- ").append(story).append(": ")
                .append(String.join("; ", labels)).append('\n'));
        report.append('\n');
        report.append("## Seed verdicts (all measures)\n\n");
        for (MeasureVerdict verdict : analyzePerStory(corpusFigures(seeds), grouper, goldStories).stream()
                .map(MeasureLabels::named).filter(v -> !v.label().isBlank()).toList()) {
            report.append("- **").append(verdict.label()).append("** `").append(verdict.measureId()).append("` ")
                    .append(verdict.status()).append(verdict.changesOverTime() ? " (changes over time)" : "").append(": ")
                    .append(verdict.summary()).append('\n');
            verdict.selfContradictions().forEach(s -> report.append("  - self-contradiction: ").append(s).append('\n'));
        }
        System.out.println(report);
        Files.createDirectories(Path.of("docs/evaluation"));
        Path file = Path.of("docs/evaluation/figures.md");
        // hand-written notes on earlier runs (before/after a change) stay at the end of the regenerated report
        String previous = Files.exists(file) ? Files.readString(file) : "";
        int notes = previous.indexOf(NOTES_HEADING);
        Files.writeString(file, report + (notes < 0 ? "" : "\n" + previous.substring(notes)));
    }

    private static void grouping(StringBuilder report, List<Result> columns) {
        row(report, "grouping pairwise precision", columns, r -> pct(r.groupingPrecision()));
        row(report, "grouping pairwise recall", columns, r -> pct(r.groupingRecall()));
        row(report, "grouping pairwise F1", columns, r -> pct(r.groupingF1()));
        row(report, "verdict agreement", columns, r -> r.verdictCorrect() + "/" + r.verdictChecked());
    }

    /** Each cluster as its articles' gold stories, so that a merge or a split can be read off. */
    private static String clusterSummary(Map<String, String> clustered, Map<String, String> gold) {
        Map<String, List<String>> members = new TreeMap<>();
        clustered.forEach((article, story) -> members.computeIfAbsent(story, k -> new ArrayList<>()).add(gold.get(article)));
        return members.values().stream().map(stories -> stories.stream().collect(Collectors.groupingBy(s -> s,
                TreeMap::new, Collectors.counting())).entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(" + ")))
                .sorted().map(s -> "[" + s + "]").collect(Collectors.joining(", "));
    }

    /** As the service analyses: one ConflictAnalyzer run per story; measure ids are prefixed with the story. */
    private static List<MeasureVerdict> analyzePerStory(List<CorpusFigure> figures, MeasureGrouper grouper,
            Map<String, String> storyOf) {
        Map<String, List<CorpusFigure>> byStory = figures.stream().collect(Collectors.groupingBy(f -> storyOf(storyOf, f.articleId()),
                TreeMap::new, Collectors.toList()));
        List<MeasureVerdict> verdicts = new ArrayList<>();
        byStory.forEach((story, members) -> new ConflictAnalyzer(grouper).analyze(members)
                .forEach(v -> verdicts.add(v.withId(story + "/" + v.measureId()))));
        return verdicts;
    }

    private static String storyOf(Map<String, String> storyOf, String articleId) {
        String story = storyOf.get(articleId.replace(".txt", ""));
        if (story == null) {
            throw new IllegalStateException(articleId + " has no story in story-gold.json");
        }
        return story;
    }

    /** Extraction is timed on a second pass, so class loading and ICU rule compilation are not counted per article. */
    private static Result run(String corpus, List<Article> articles, List<GoldFigure> allGold, Set<String> scored,
            MeasureGrouper grouper, Map<String, String> storyOf) {
        List<GoldFigure> gold = allGold.stream().filter(g -> scored.contains(g.article())).toList();
        Map<String, Article> byId = articles.stream().collect(Collectors.toMap(Article::id, a -> a));
        corpusFigures(articles);
        long started = System.nanoTime();
        List<CorpusFigure> figures = corpusFigures(articles);
        double msPerArticle = (System.nanoTime() - started) / 1e6 / articles.size();
        List<MeasureVerdict> verdicts = analyzePerStory(figures, grouper, storyOf);

        Map<String, String> measureOf = new HashMap<>();
        List<ReportedFigure> derived = new ArrayList<>();
        for (MeasureVerdict verdict : verdicts) {
            for (ReportedFigure figure : verdict.figures()) {
                if (figure.derived()) {
                    derived.add(figure);
                    measureOf.put("derived:" + figure.articleId() + ":" + figure.start() + ":" + figure.low(), verdict.measureId());
                } else {
                    measureOf.put(figure.articleId() + ":" + figure.start(), verdict.measureId());
                }
            }
        }
        Map<String, MeasureVerdict> verdictById = verdicts.stream().collect(Collectors.toMap(MeasureVerdict::measureId, v -> v));

        int goldMatched = 0;
        int boundsChecked = 0;
        int boundsCorrect = 0;
        int attributionChecked = 0;
        int attributionCorrect = 0;
        List<String> misses = new ArrayList<>();
        Map<GoldFigure, String> predictedMeasure = new LinkedHashMap<>();
        Set<CorpusFigure> truePositives = new HashSet<>();
        for (GoldFigure g : gold) {
            Article article = byId.get(g.article());
            List<int[]> occurrences = occurrences(article.cleaned().text(), g.span());
            CorpusFigure best = null;
            String measure = null;
            if (g.derived()) {
                ReportedFigure hit = derived.stream().filter(d -> d.articleId().equals(g.article())
                        && occurrences.stream().anyMatch(o -> o[0] < d.end() && d.start() < o[1])).findFirst().orElse(null);
                if (hit != null) {
                    goldMatched++;
                    measure = measureOf.get("derived:" + hit.articleId() + ":" + hit.start() + ":" + hit.low());
                    boundsChecked++;
                    boundsCorrect += same(g.low(), hit.low()) && (g.high() == null || same(g.high(), hit.high())) ? 1 : 0;
                } else {
                    misses.add(g.article() + " \"" + g.span() + "\" (derived)");
                }
                predictedMeasure.put(g, measure);
                continue;
            }
            for (CorpusFigure f : figures) {
                if (!f.articleId().equals(g.article())) {
                    continue;
                }
                boolean overlaps = occurrences.stream().anyMatch(o -> o[0] < f.figure().end() && f.figure().start() < o[1]);
                if (overlaps) {
                    truePositives.add(f);
                    if (best == null || boundsMatch(g, f.figure()) && !boundsMatch(g, best.figure())) {
                        best = f;
                    }
                }
            }
            if (best == null) {
                misses.add(g.article() + " \"" + g.span() + "\"" + (occurrences.isEmpty() ? " (span not in cleaned text)" : ""));
                predictedMeasure.put(g, null);
                continue;
            }
            goldMatched++;
            if (g.low() != null || g.high() != null) {
                boundsChecked++;
                boundsCorrect += boundsMatch(g, best.figure()) ? 1 : 0;
            }
            if (g.attribution() != null) {
                attributionChecked++;
                attributionCorrect += attributionMatches(g.attribution(), best.figure().attribution()) ? 1 : 0;
            }
            predictedMeasure.put(g, measureOf.get(best.articleId() + ":" + best.figure().start()));
        }

        int predictedTrue = 0;
        int withEvent = 0;
        int withEventTrue = 0;
        for (CorpusFigure f : figures) {
            if (!scored.contains(f.articleId())) {
                continue;
            }
            boolean tp = truePositives.contains(f) || gold.stream().anyMatch(g -> g.article().equals(f.articleId())
                    && occurrences(byId.get(g.article()).cleaned().text(), g.span()).stream()
                            .anyMatch(o -> o[0] < f.figure().end() && f.figure().start() < o[1]));
            predictedTrue += tp ? 1 : 0;
            if (f.figure().event() != null) {
                withEvent++;
                withEventTrue += tp ? 1 : 0;
            }
        }

        List<GoldFigure> matched = predictedMeasure.keySet().stream().filter(g -> !g.derived()).toList();
        int tpPairs = 0;
        int predictedPairs = 0;
        int goldPairs = 0;
        for (int a = 0; a < matched.size(); a++) {
            for (int b = a + 1; b < matched.size(); b++) {
                GoldFigure x = matched.get(a);
                GoldFigure y = matched.get(b);
                if (predictedMeasure.get(x) == null && byIdMissing(x, misses) || predictedMeasure.get(y) == null && byIdMissing(y, misses)) {
                    continue;
                }
                boolean sameGold = x.measure().equals(y.measure());
                boolean samePredicted = predictedMeasure.get(x) != null && predictedMeasure.get(x).equals(predictedMeasure.get(y));
                goldPairs += sameGold ? 1 : 0;
                predictedPairs += samePredicted ? 1 : 0;
                tpPairs += sameGold && samePredicted ? 1 : 0;
            }
        }

        List<String> verdictLines = new ArrayList<>();
        int verdictChecked = 0;
        int verdictCorrect = 0;
        Map<String, List<GoldFigure>> byMeasure = gold.stream().collect(Collectors.groupingBy(GoldFigure::measure,
                LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<GoldFigure>> entry : byMeasure.entrySet()) {
            List<GoldFigure> members = entry.getValue();
            Map<String, Long> votes = members.stream().map(predictedMeasure::get).filter(m -> m != null)
                    .collect(Collectors.groupingBy(m -> m, LinkedHashMap::new, Collectors.counting()));
            String expected = expectedStatus(members);
            if (votes.isEmpty()) {
                verdictLines.add(entry.getKey() + ": expected " + expected + ", no figure found");
                continue;
            }
            String predicted = votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            MeasureVerdict verdict = verdictById.get(predicted);
            verdictChecked++;
            boolean correct = verdict.status().name().equals(expected);
            verdictCorrect += correct ? 1 : 0;
            verdictLines.add(String.format(Locale.ROOT, "%s: expected %s, got %s%s `%s` %s — %s", entry.getKey(), expected,
                    verdict.status(), verdict.changesOverTime() ? " (changes over time)" : "", verdict.measureId(),
                    correct ? "✓" : "✗", verdict.summary()));
        }
        int predicted = (int) figures.stream().filter(f -> scored.contains(f.articleId())).count();
        return new Result(corpus, scored.size(), gold.size(), goldMatched, predicted, predictedTrue, withEvent,
                withEventTrue, boundsChecked, boundsCorrect, attributionChecked, attributionCorrect,
                ratio(tpPairs, predictedPairs), ratio(tpPairs, goldPairs), verdictChecked, verdictCorrect, msPerArticle,
                verdictLines, misses);
    }

    private static boolean byIdMissing(GoldFigure g, List<String> misses) {
        return misses.stream().anyMatch(m -> m.startsWith(g.article() + " \"" + g.span() + "\""));
    }

    private static String expectedStatus(List<GoldFigure> members) {
        String verdict = members.get(0).verdict().toLowerCase(Locale.ROOT);
        if (verdict.startsWith("conflict")) {
            return Status.CONFLICT.name();
        }
        boolean oneArticle = members.stream().map(GoldFigure::article).distinct().count() == 1;
        return verdict.startsWith("single") || oneArticle ? Status.SINGLE_SOURCE.name() : Status.CONSISTENT.name();
    }

    private static List<CorpusFigure> corpusFigures(List<Article> articles) {
        List<CorpusFigure> figures = new ArrayList<>();
        for (Article article : articles) {
            for (ExtractedFigure figure : FigureExtractor.extract(article.cleaned().text(), article.date())) {
                figures.add(new CorpusFigure(article.id(), article.title(), article.outlet(), article.date(), figure));
            }
        }
        return figures;
    }

    private static boolean boundsMatch(GoldFigure g, ExtractedFigure f) {
        return (g.low() == null ? f.low() == null : same(g.low(), f.low()))
                && (g.high() == null ? f.high() == null : same(g.high(), f.high()));
    }

    private static boolean same(Double expected, Double actual) {
        return actual != null && Math.abs(expected - actual) <= Math.max(1e-6, Math.abs(expected) * 0.01);
    }

    /** Lenient: one side's content words contained in the other's, or half of them shared. */
    static boolean attributionMatches(String gold, String predicted) {
        if (predicted == null) {
            return false;
        }
        Set<String> g = contentWords(gold);
        Set<String> p = contentWords(predicted);
        if (g.isEmpty() || p.isEmpty()) {
            return false;
        }
        Set<String> shared = new HashSet<>(g);
        shared.retainAll(p);
        return g.containsAll(p) || p.containsAll(g) || shared.size() * 2 >= Math.min(g.size(), p.size()) && !shared.isEmpty();
    }

    private static Set<String> contentWords(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isBlank() && !STOPWORDS.contains(w)).collect(Collectors.toSet());
    }

    private static List<int[]> occurrences(String text, String span) {
        List<int[]> found = new ArrayList<>();
        String normalizedSpan = span.replace('’', '\'');
        String normalizedText = text.replace('’', '\'');
        for (int at = normalizedText.indexOf(normalizedSpan); at >= 0; at = normalizedText.indexOf(normalizedSpan, at + 1)) {
            found.add(new int[] {at, at + span.length()});
        }
        return found;
    }

    /** The bundled corpus as listed in its manifest (the manifest itself is not an article). */
    private static List<Article> seedArticles() throws IOException {
        List<Article> articles = new ArrayList<>();
        Path corpus = Path.of("src/main/resources/corpus");
        for (String name : Files.readAllLines(corpus.resolve("manifest.txt"))) {
            if (!name.isBlank()) {
                Path file = corpus.resolve(name.strip());
                CleanedText cleaned = TextCleaner.clean(Files.readString(file), TextCleaner.Format.TEXT);
                articles.add(new Article(file.getFileName().toString(), cleaned, cleaned.publishedAt(), cleaned.title(),
                        cleaned.outlet()));
            }
        }
        return articles;
    }

    private static List<Article> ownArticles() throws IOException {
        return articlesIn(Path.of("src/test/resources/eval/articles"));
    }

    /** The articles that complete the gold stories; they have no gold figures. */
    private static List<Article> storyArticles() throws IOException {
        return articlesIn(Path.of("src/test/resources/eval/stories"));
    }

    private static List<Article> articlesIn(Path dir) throws IOException {
        List<Article> articles = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                CleanedText cleaned = TextCleaner.clean(Files.readString(file), TextCleaner.Format.TEXT);
                JsonNode meta = JSON.readTree(Path.of(file.toString().replace(".txt", ".meta.json")).toFile());
                articles.add(new Article(file.getFileName().toString(), cleaned, LocalDate.parse(meta.get("publishedAt").asText()),
                        meta.get("title").asText(), meta.get("outlet").asText()));
            }
        }
        return articles;
    }

    private static List<GoldFigure> gold(Path path) throws IOException {
        List<GoldFigure> figures = new ArrayList<>();
        for (JsonNode measure : JSON.readTree(path.toFile()).get("measures")) {
            for (JsonNode figure : measure.get("figures")) {
                figures.add(new GoldFigure(measure.get("id").asText(), measure.get("verdict").asText(),
                        figure.get("article").asText(), figure.get("span").asText(), number(figure.get("low")),
                        number(figure.get("high")), text(figure.get("attribution")), figure.has("derived")));
            }
        }
        return figures;
    }

    private static Set<String> heldOut(Path path) throws IOException {
        Set<String> articles = new HashSet<>();
        JSON.readTree(path.toFile()).path("heldOut").forEach(a -> articles.add(a.asText()));
        return articles;
    }

    private static Set<String> allOf(List<Article> articles) {
        return articles.stream().map(Article::id).collect(Collectors.toSet());
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private static void row(StringBuilder report, String name, List<Result> columns, Function<Result, String> cell) {
        report.append("| ").append(name).append(" | ")
                .append(columns.stream().map(cell).collect(Collectors.joining(" | "))).append(" |\n");
    }

    private static String pct(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** The sweep embeds the same phrases many times; the real model is slow enough to cache. */
    private static final class CachingModel implements EmbeddingModel {

        private final EmbeddingModel delegate;
        private final Map<String, Embedding> cache = new ConcurrentHashMap<>();

        CachingModel(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<TextSegment> missing = segments.stream().filter(s -> !cache.containsKey(s.text())).toList();
            if (!missing.isEmpty()) {
                List<Embedding> computed = delegate.embedAll(missing).content();
                for (int i = 0; i < missing.size(); i++) {
                    cache.put(missing.get(i).text(), computed.get(i));
                }
            }
            return Response.from(segments.stream().map(s -> cache.get(s.text())).toList());
        }
    }
}
