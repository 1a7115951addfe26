package io.crosscheck.eval;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.answer.AnswerValidator;
import io.crosscheck.answer.Citations;
import io.crosscheck.figures.StoryAnalysisService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Answer quality through the real HTTP API (extractive mode). For each question: are the gold figures of the asked
 * measure among the response's figure sources with the right article, is every citation valid, and do the figures and
 * citations come from the story the question is about? First on the seeds and our own articles (the corpus of the
 * earlier reports), then once the story articles are added too (ten stories, two floods, two wars, several strikes).
 * Also times /api/chat. Run with {@code ./mvnw -Peval test -Dtest=AnswerEvaluationTest}; results go to
 * docs/evaluation/answers.md.
 */
@QuarkusTest
@Tag("eval")
class AnswerEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final int LATENCY_ROUNDS = 3;

    @Inject
    StoryAnalysisService analysis;

    private final Map<String, String> storyOf = EvalStories.goldStoryOf();
    private final Map<String, String> texts = new HashMap<>();

    /** Counts over a set of questions, with one table row per question. */
    private static final class Tally {
        int goldTotal;
        int goldFound;
        int citationsTotal;
        int citationsValid;
        int linksTotal;
        int linksValid;
        int answersTotal;
        int answersValid;
        int sourcesTotal;
        int sourcesOther;
        int citedTotal;
        int citedOther;
        int leadTarget;
        int noMeasure;
        int pending;
        final StringBuilder rows = new StringBuilder();
    }

    @Test
    void figureRecallCitationsAndStories() throws IOException {
        ingest(EvalCorpus.own());
        analysis.drain();
        JsonNode questions = JSON.readTree(EvalCorpus.resource("/eval/answer-questions.json")).get("questions");
        Map<String, JsonNode> golds = new HashMap<>();
        golds.put("seed-figures.json", JSON.readTree(EvalCorpus.resource("/eval/seed-figures.json")));
        golds.put("own-figures.json", JSON.readTree(EvalCorpus.resource("/eval/own-figures.json")));

        Tally before = new Tally();
        List<Double> latencies = new ArrayList<>();
        for (JsonNode q : questions) {
            long started = System.nanoTime();
            JsonNode response = ask(q.get("question").asText());
            latencies.add((System.nanoTime() - started) / 1e6);
            check(before, q, response, goldMeasure(golds, q));
        }
        for (int round = 1; round < LATENCY_ROUNDS; round++) {
            for (JsonNode q : questions) {
                long started = System.nanoTime();
                ask(q.get("question").asText());
                latencies.add((System.nanoTime() - started) / 1e6);
            }
        }

        ingest(EvalStories.storyDocs());
        analysis.drain();
        Tally mixed = new Tally();
        for (JsonNode q : questions) {
            check(mixed, q, ask(q.get("question").asText()), goldMeasure(golds, q));
        }
        Tally stories = new Tally();
        for (JsonNode q : JSON.readTree(EvalCorpus.resource("/eval/story-questions.json")).get("questions")) {
            check(stories, q, ask(q.get("question").asText()), null);
        }

        latencies.sort(Double::compare);
        List<Tally> columns = List.of(before, mixed, stories);
        StringBuilder report = new StringBuilder("# Answer evaluation\n\n")
                .append("Command: `./mvnw -Peval test -Dtest=AnswerEvaluationTest`. A `@QuarkusTest` on in-memory H2: the service ")
                .append("ingests the seeds at start; the test posts our own articles (`eval/articles/`) to `/api/articles`, calls ")
                .append("`StoryAnalysisService.drain()` so that every story is analysed, and asks ")
                .append("`src/test/resources/eval/answer-questions.json` through `/api/chat` in extractive mode (column 1, the corpus of ")
                .append("the earlier reports). It then posts the story articles (`eval/stories/`: 42 articles, 10 gold stories in ")
                .append("`story-gold.json`), drains again and asks the same questions (column 2) and ")
                .append("`src/test/resources/eval/story-questions.json` (column 3), which aims two or three questions at each story, ")
                .append("several worded to fit another story of the same kind but for a name.\n\n")
                .append("A figure entry of `conflicts[].figures[]` stands for every article in its `sources[]`: a gold figure is ")
                .append("found when an entry states its number and lists its article among the sources. A source or citation is ")
                .append("*from another story* when its article's gold story is not the question's (for the answer questions, the ")
                .append("gold story of the asked measure's articles).\n\n")
                .append("| metric | seeds + own articles, answer questions | whole corpus, answer questions | whole corpus, story questions |\n")
                .append("|---|---|---|---|\n");
        row(report, "questions", columns, t -> String.valueOf(t.answersTotal));
        row(report, "figure recall (gold figures of the asked measure among the figure sources, right article)", columns,
                t -> t.goldTotal == 0 ? "–" : ratio(t.goldFound, t.goldTotal));
        row(report, "citation validity (citation quotes, figure quotes and values verbatim in their article)", columns,
                t -> ratio(t.citationsValid, t.citationsTotal));
        row(report, "source links valid (a source's `n` names a citation of the same article)", columns,
                t -> ratio(t.linksValid, t.linksTotal));
        row(report, "answer validity (every [n] names a citation; every number is in a cited quote)", columns,
                t -> ratio(t.answersValid, t.answersTotal));
        row(report, "**figure sources from another story** (goal 0)", columns, t -> ratio(t.sourcesOther, t.sourcesTotal));
        row(report, "**citations from another story** (goal 0)", columns, t -> ratio(t.citedOther, t.citedTotal));
        row(report, "lead measure from the question's story", columns,
                t -> ratio(t.leadTarget, t.answersTotal) + (t.noMeasure > 0 ? ", " + t.noMeasure + " without a measure" : ""));
        row(report, "answers with `analysisPending`", columns, t -> String.valueOf(t.pending));
        report.append(String.format(Locale.ROOT, "%n/api/chat latency, extractive, in-process HTTP, column 1: p50 %.0f ms, p95 %.0f ms over %d requests.%n",
                latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1), latencies.size()));
        String header = "| question | target story | gold figures found | answer valid | sources from another story | citations from "
                + "another story | lead measure's story | missed |\n|---|---|---|---|---|---|---|---|\n";
        report.append("\n## Seeds and own articles, answer questions\n\n").append(header).append(before.rows);
        report.append("\n## Whole corpus, answer questions\n\n").append(header).append(mixed.rows);
        report.append("\n## Whole corpus, story questions\n\n").append(header).append(stories.rows);
        System.out.println(report);
        Files.createDirectories(Path.of("docs/evaluation"));
        Files.writeString(Path.of("docs/evaluation/answers.md"), report.toString());
        assertTrue(before.goldTotal > 0);
    }

    private void ingest(List<EvalCorpus.Doc> docs) {
        for (EvalCorpus.Doc doc : docs) {
            Map<String, Object> body = new HashMap<>();
            body.put("id", doc.id());
            body.put("text", doc.raw());
            body.put("title", doc.title());
            body.put("outlet", doc.outlet());
            body.put("publishedAt", doc.publishedAt() == null ? null : doc.publishedAt().toString());
            given().contentType(ContentType.JSON).body(body).post("/api/articles").then().statusCode(Matchers.lessThan(300));
        }
    }

    private static JsonNode ask(String question) throws IOException {
        return JSON.readTree(given().contentType(ContentType.JSON).body(Map.of("question", question)).post("/api/chat").then()
                .statusCode(200).extract().asString());
    }

    private static JsonNode goldMeasure(Map<String, JsonNode> golds, JsonNode question) {
        String[] gold = question.get("gold").asText().split("#");
        for (JsonNode m : golds.get(gold[0]).get("measures")) {
            if (m.get("id").asText().equals(gold[1])) {
                return m;
            }
        }
        throw new IllegalStateException("no gold measure " + question.get("gold").asText());
    }

    /** Scores one response; {@code measure} is the asked gold measure, or null for a story question. */
    private void check(Tally tally, JsonNode q, JsonNode response, JsonNode measure) {
        String target = measure == null ? q.get("story").asText()
                : storyOf.get(measure.get("figures").get(0).get("article").asText().replace(".txt", ""));
        List<JsonNode> figures = new ArrayList<>();
        response.get("conflicts").forEach(c -> c.get("figures").forEach(figures::add));

        int found = 0;
        List<String> missed = new ArrayList<>();
        if (measure != null) {
            for (JsonNode g : measure.get("figures")) {
                String article = g.get("article").asText().replace(".txt", "");
                boolean hit = figures.stream().anyMatch(f -> sameFigure(f.get("value").asText(), g.get("span").asText())
                        && sourceIds(f).contains(article));
                found += hit ? 1 : 0;
                if (!hit) {
                    missed.add(article.substring(0, Math.min(article.length(), 12)) + ": " + g.get("span").asText());
                }
            }
            tally.goldTotal += measure.get("figures").size();
            tally.goldFound += found;
        }

        Citations citations = new Citations();
        Map<Integer, String> citedArticle = new HashMap<>();
        for (JsonNode c : response.get("citations")) {
            while (citations.list().size() + 1 < c.get("n").asInt()) {
                citations.cite("gap" + citations.list().size(), null, null, null, null, "\u0000");
            }
            String articleId = c.get("articleId").asText();
            citations.cite(articleId, null, null, null, null, c.get("quote").asText());
            citedArticle.put(c.get("n").asInt(), articleId);
            tally.citationsValid += text(articleId).contains(c.get("quote").asText()) ? 1 : 0;
            tally.citedTotal++;
            tally.citedOther += target.equals(storyOf.get(articleId)) ? 0 : 1;
        }
        int sources = 0;
        int sourcesOther = 0;
        for (JsonNode f : figures) {
            String text = text(f.get("articleId").asText());
            tally.citationsValid += text.contains(f.get("quote").asText()) && text.contains(f.get("value").asText()) ? 1 : 0;
            for (JsonNode s : f.get("sources")) {
                sources++;
                sourcesOther += target.equals(storyOf.get(s.get("articleId").asText())) ? 0 : 1;
                if (s.hasNonNull("n")) {
                    tally.linksTotal++;
                    tally.linksValid += s.get("articleId").asText().equals(citedArticle.get(s.get("n").asInt())) ? 1 : 0;
                }
            }
        }
        tally.citationsTotal += response.get("citations").size() + figures.size();
        tally.sourcesTotal += sources;
        tally.sourcesOther += sourcesOther;

        String answer = response.get("answer").asText();
        AnswerValidator.Result checked = AnswerValidator.validate(answer, citations);
        Matcher markers = MARKER.matcher(answer);
        boolean answerValid = checked.removedSentences().isEmpty();
        while (markers.find()) {
            answerValid &= citedArticle.containsKey(Integer.parseInt(markers.group(1)));
        }
        tally.answersTotal++;
        tally.answersValid += answerValid ? 1 : 0;
        tally.pending += response.path("analysisPending").asBoolean() ? 1 : 0;

        String lead = "–";
        if (response.get("conflicts").isEmpty()) {
            tally.noMeasure++;
        } else {
            lead = leadStory(response.get("conflicts").get(0));
            tally.leadTarget += target.equals(lead) ? 1 : 0;
        }
        int cited = response.get("citations").size();
        long citedOther = citedArticle.values().stream().filter(id -> !target.equals(storyOf.get(id))).count();
        tally.rows.append(String.format("| %s | %s | %s | %s | %d/%d | %d/%d | %s | %s |%n", q.get("question").asText(), target,
                measure == null ? "–" : found + "/" + measure.get("figures").size(), answerValid ? "yes" : "NO", sourcesOther,
                sources, citedOther, cited, target.equals(lead) ? "✓" : lead, String.join("; ", missed)));
    }

    /** The gold story most of the measure's figure sources belong to. */
    private String leadStory(JsonNode conflict) {
        Map<String, Long> votes = new LinkedHashMap<>();
        conflict.get("figures").forEach(f -> f.get("sources").forEach(s -> votes.merge(
                String.valueOf(storyOf.get(s.get("articleId").asText())), 1L, Long::sum)));
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("–");
    }

    private static Set<String> sourceIds(JsonNode figure) {
        Set<String> ids = new HashSet<>();
        figure.get("sources").forEach(s -> ids.add(s.get("articleId").asText()));
        return ids;
    }

    private String text(String articleId) {
        return texts.computeIfAbsent(articleId, id -> given().get("/api/articles/" + id).then().extract().path("text"));
    }

    private static String ratio(int numerator, int denominator) {
        return String.format(Locale.ROOT, "%.3f (%d/%d)", denominator == 0 ? 0 : (double) numerator / denominator, numerator,
                denominator);
    }

    private static void row(StringBuilder report, String name, List<Tally> columns, Function<Tally, String> cell) {
        report.append("| ").append(name).append(" | ").append(columns.stream().map(cell).collect(Collectors.joining(" | ")))
                .append(" |\n");
    }

    /** A response figure matches a gold one when their texts overlap or they state the same number. */
    static boolean sameFigure(String value, String gold) {
        String v = value.toLowerCase(Locale.ROOT);
        String g = gold.toLowerCase(Locale.ROOT);
        if (v.contains(g) || g.contains(v)) {
            return true;
        }
        Set<String> valueNumbers = numbers(v);
        valueNumbers.retainAll(numbers(g));
        return !valueNumbers.isEmpty();
    }

    private static Set<String> numbers(String text) {
        Set<String> numbers = new HashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(m.group().replace(",", ""));
        }
        for (String word : text.split("\\W+")) {
            switch (word) {
                case "two" -> numbers.add("2");
                case "three" -> numbers.add("3");
                case "half" -> numbers.add("50");
                default -> { }
            }
        }
        return numbers;
    }
}
