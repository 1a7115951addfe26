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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.answer.AnswerValidator;
import io.crosscheck.answer.Citations;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Answer quality through the real HTTP API (extractive mode): for each question, are the gold figures of the asked
 * measure in the response's conflicts with the right article, and is every citation valid? Also times /api/chat.
 * Run with {@code ./mvnw -Peval test -Dtest=AnswerEvaluationTest}; results go to docs/evaluation/answers.md.
 */
@QuarkusTest
@Tag("eval")
class AnswerEvaluationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final int LATENCY_ROUNDS = 3;

    @Test
    void figureRecallAndCitationValidity() throws IOException {
        for (EvalCorpus.Doc doc : EvalCorpus.own()) {
            Map<String, Object> body = new HashMap<>();
            body.put("id", doc.id());
            body.put("text", doc.raw());
            body.put("title", doc.title());
            body.put("outlet", doc.outlet());
            body.put("publishedAt", doc.publishedAt() == null ? null : doc.publishedAt().toString());
            given().contentType(ContentType.JSON).body(body).post("/api/articles").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        }
        JsonNode questions = JSON.readTree(EvalCorpus.resource("/eval/answer-questions.json")).get("questions");
        Map<String, JsonNode> golds = new HashMap<>();
        golds.put("seed-figures.json", JSON.readTree(EvalCorpus.resource("/eval/seed-figures.json")));
        golds.put("own-figures.json", JSON.readTree(EvalCorpus.resource("/eval/own-figures.json")));
        Map<String, String> texts = new HashMap<>();

        StringBuilder rows = new StringBuilder();
        int goldTotal = 0;
        int goldFound = 0;
        int citationsTotal = 0;
        int citationsValid = 0;
        int answersTotal = 0;
        int answersValid = 0;
        List<Double> latencies = new ArrayList<>();
        for (JsonNode q : questions) {
            String question = q.get("question").asText();
            String[] gold = q.get("gold").asText().split("#");
            JsonNode measure = null;
            for (JsonNode m : golds.get(gold[0]).get("measures")) {
                if (m.get("id").asText().equals(gold[1])) {
                    measure = m;
                }
            }
            long started = System.nanoTime();
            String raw = given().contentType(ContentType.JSON).body(Map.of("question", question)).post("/api/chat").then()
                    .statusCode(200).extract().asString();
            latencies.add((System.nanoTime() - started) / 1e6);
            JsonNode response = JSON.readTree(raw);

            List<JsonNode> figures = new ArrayList<>();
            response.get("conflicts").forEach(c -> c.get("figures").forEach(figures::add));
            int found = 0;
            List<String> missed = new ArrayList<>();
            for (JsonNode g : measure.get("figures")) {
                String article = g.get("article").asText().replace(".txt", "");
                boolean hit = figures.stream().anyMatch(f -> f.get("articleId").asText().equals(article)
                        && sameFigure(f.get("value").asText(), g.get("span").asText()));
                found += hit ? 1 : 0;
                if (!hit) {
                    missed.add(article.substring(0, Math.min(article.length(), 12)) + ": " + g.get("span").asText());
                }
            }
            goldTotal += measure.get("figures").size();
            goldFound += found;

            Citations citations = new Citations();
            int valid = 0;
            for (JsonNode c : response.get("citations")) {
                while (citations.list().size() + 1 < c.get("n").asInt()) {
                    citations.cite("gap" + citations.list().size(), null, null, null, null, "\u0000");
                }
                citations.cite(c.get("articleId").asText(), null, null, null, null, c.get("quote").asText());
                String text = texts.computeIfAbsent(c.get("articleId").asText(),
                        id -> given().get("/api/articles/" + id).then().extract().path("text"));
                valid += text.contains(c.get("quote").asText()) ? 1 : 0;
            }
            for (JsonNode f : figures) {
                String text = texts.computeIfAbsent(f.get("articleId").asText(),
                        id -> given().get("/api/articles/" + id).then().extract().path("text"));
                valid += text.contains(f.get("quote").asText()) && text.contains(f.get("value").asText()) ? 1 : 0;
            }
            citationsTotal += response.get("citations").size() + figures.size();
            citationsValid += valid;
            String answer = response.get("answer").asText();
            AnswerValidator.Result checked = AnswerValidator.validate(answer, citations);
            Matcher markers = MARKER.matcher(answer);
            boolean markersValid = true;
            Set<Integer> known = new HashSet<>();
            response.get("citations").forEach(c -> known.add(c.get("n").asInt()));
            while (markers.find()) {
                markersValid &= known.contains(Integer.parseInt(markers.group(1)));
            }
            boolean answerValid = markersValid && checked.removedSentences().isEmpty();
            answersTotal++;
            answersValid += answerValid ? 1 : 0;
            rows.append(String.format("| %s | %s | %d/%d | %s | %s |%n", question, gold[1], found, measure.get("figures").size(),
                    answerValid ? "yes" : "NO", missed.isEmpty() ? "" : String.join("; ", missed)));
        }
        for (int round = 1; round < LATENCY_ROUNDS; round++) {
            for (JsonNode q : questions) {
                long started = System.nanoTime();
                given().contentType(ContentType.JSON).body(Map.of("question", q.get("question").asText())).post("/api/chat").then()
                        .statusCode(200);
                latencies.add((System.nanoTime() - started) / 1e6);
            }
        }
        latencies.sort(Double::compare);
        double recall = (double) goldFound / goldTotal;
        double citationValidity = (double) citationsValid / citationsTotal;
        double answerValidity = (double) answersValid / answersTotal;

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("figure recall (gold figures of the asked measure in conflicts, right article)",
                String.format("%.3f (%d/%d)", recall, goldFound, goldTotal));
        summary.put("citation validity (quotes and figure values verbatim in their article)",
                String.format("%.3f (%d/%d)", citationValidity, citationsValid, citationsTotal));
        summary.put("answer validity (every [n] names a citation; every number is in a cited quote)",
                String.format("%.3f (%d/%d)", answerValidity, answersValid, answersTotal));
        summary.put("/api/chat latency, extractive, in-process HTTP",
                String.format("p50 %.0f ms, p95 %.0f ms over %d requests", latencies.get(latencies.size() / 2),
                        latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1), latencies.size()));
        StringBuilder report = new StringBuilder("# Answer evaluation\n\nCommand: `./mvnw -Peval test -Dtest=AnswerEvaluationTest` "
                + "(boots the service on H2 with the seeds, ingests our own articles through the API, asks "
                + "`src/test/resources/eval/answer-questions.json`).\n\n| metric | value |\n|---|---|\n");
        summary.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        report.append("\n| question | gold measure | gold figures found | answer valid | missed |\n|---|---|---|---|---|\n").append(rows);
        System.out.println(report);
        Files.createDirectories(Path.of("docs/evaluation"));
        Files.writeString(Path.of("docs/evaluation/answers.md"), report.toString());
        assertTrue(goldTotal > 0);
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
