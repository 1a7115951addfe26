package io.crosscheck.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.crosscheck.ingest.ArticleService;
import io.crosscheck.ingest.Chunker;
import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.RankFusion;
import io.crosscheck.text.TextCleaner;

/**
 * Retrieval quality on the seeds and our own articles: for each question, is the chunk holding the answer among the
 * top k? Compares BM25 alone, dense alone and their fusion, and measures embedding and ingestion throughput.
 * Run with {@code ./mvnw -Peval test -Dtest=RetrievalEvaluationTest}; results go to docs/evaluation/retrieval.md.
 */
@Tag("eval")
class RetrievalEvaluationTest {

    private static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";
    private static final int CANDIDATES = 50;
    private static final int RRF_K = 60;

    record Question(String question, String article, String answer) {
    }

    /** The evaluation corpus's chunks with their vectors (chunk ids 0..n-1), the questions, and what loading cost. */
    record Loaded(List<IndexedChunk> chunks, List<Question> questions, double cleanSeconds, double embedSeconds) {
    }

    /** Cleans and chunks the evaluation corpus, embeds every chunk with the model, and reads the questions. */
    static Loaded load(EmbeddingModel model) throws IOException {
        Chunker chunker = new Chunker(150, 220, 300, 50, ArticleService::countTokens);
        List<IndexedChunk> chunks = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long cleanStart = System.nanoTime();
        for (EvalCorpus.Doc doc : EvalCorpus.all()) {
            String text = TextCleaner.clean(doc.raw(), TextCleaner.Format.TEXT).text();
            for (Chunker.Piece piece : chunker.chunk(text)) {
                String chunkText = text.substring(piece.start(), piece.end());
                chunks.add(new IndexedChunk(chunks.size(), doc.id(), doc.title(), doc.outlet(), null, doc.publishedAt(),
                        piece.ordinal(), piece.start(), piece.end(), chunkText, null));
                texts.add(chunkText);
            }
        }
        double cleanSeconds = (System.nanoTime() - cleanStart) / 1e9;
        model.embed("warm-up");
        long embedStart = System.nanoTime();
        List<float[]> vectors = model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(e -> e.vector()).toList();
        double embedSeconds = (System.nanoTime() - embedStart) / 1e9;
        List<IndexedChunk> withVectors = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            IndexedChunk c = chunks.get(i);
            withVectors.add(new IndexedChunk(c.chunkId(), c.articleId(), c.title(), c.outlet(), c.url(), c.publishedAt(),
                    c.ordinal(), c.start(), c.end(), c.text(), vectors.get(i)));
        }
        JsonNode json = new ObjectMapper().readTree(EvalCorpus.resource("/eval/retrieval-questions.json"));
        List<Question> questions = new ArrayList<>();
        json.get("questions").forEach(q -> questions.add(new Question(q.get("question").asText(), q.get("article").asText(),
                q.get("answer").asText())));
        return new Loaded(withVectors, questions, cleanSeconds, embedSeconds);
    }

    /** The question as the service embeds it for search. */
    static float[] queryVector(EmbeddingModel model, String question) {
        return model.embed(QUERY_PREFIX + question).content().vector();
    }

    @Test
    void recallAtFive() throws IOException {
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        Loaded loaded = load(model);
        List<IndexedChunk> chunks = loaded.chunks();
        List<Question> questions = loaded.questions();
        double cleanSeconds = loaded.cleanSeconds();
        double embedSeconds = loaded.embedSeconds();

        long indexStart = System.nanoTime();
        ChunkIndex index = new ChunkIndex();
        Map<String, List<IndexedChunk>> byArticle = new LinkedHashMap<>();
        for (int i = 0; i < chunks.size(); i++) {
            IndexedChunk c = chunks.get(i);
            byArticle.computeIfAbsent(c.articleId(), id -> new ArrayList<>()).add(c);
        }
        byArticle.forEach(index::putArticle);
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;

        Map<String, Function<Question, List<Long>>> rankers = new LinkedHashMap<>();
        Map<String, float[]> queryVectors = new LinkedHashMap<>();
        for (Question q : questions) {
            queryVectors.computeIfAbsent(q.question(), text -> queryVector(model, text));
        }
        rankers.put("BM25", q -> index.lexical(q.question(), CANDIDATES));
        rankers.put("dense", q -> index.dense(queryVectors.get(q.question()), CANDIDATES));
        rankers.put("hybrid (RRF)", q -> index.search(q.question(), queryVectors.get(q.question()), CANDIDATES, RRF_K, CANDIDATES)
                .stream().map(hit -> hit.chunk().chunkId()).toList());

        StringBuilder report = new StringBuilder();
        report.append("# Retrieval evaluation\n\n")
                .append("Command: `./mvnw -Peval test -Dtest=RetrievalEvaluationTest` (plain JUnit, no server).\n\n")
                .append(String.format("Corpus: %d articles (5 seeds + %d of our own on other topics), %d chunks; %d questions "
                        + "(`src/test/resources/eval/retrieval-questions.json`). A question counts as found at k when a top-k "
                        + "chunk of the expected article contains the answer sentence's key span.%n%n",
                        byArticle.size(), byArticle.size() - 5, chunks.size(), questions.size()))
                .append("| ranker | recall@1 | recall@3 | recall@5 | MRR@10 | seeds recall@5 | own recall@5 |\n")
                .append("|---|---|---|---|---|---|---|\n");
        Map<String, double[]> results = new LinkedHashMap<>();
        List<String> misses = new ArrayList<>();
        for (var ranker : rankers.entrySet()) {
            double[] sums = new double[6];
            int seedCount = 0;
            for (Question q : questions) {
                List<Long> ranked = ranker.getValue().apply(q);
                int rank = rankOfAnswer(index, ranked, q);
                boolean seed = q.article().matches("\\d{3}_.*");
                seedCount += seed ? 1 : 0;
                sums[0] += rank == 1 ? 1 : 0;
                sums[1] += rank >= 1 && rank <= 3 ? 1 : 0;
                sums[2] += rank >= 1 && rank <= 5 ? 1 : 0;
                sums[3] += rank >= 1 && rank <= 10 ? 1.0 / rank : 0;
                sums[seed ? 4 : 5] += rank >= 1 && rank <= 5 ? 1 : 0;
                if (ranker.getKey().startsWith("hybrid") && !(rank >= 1 && rank <= 5)) {
                    misses.add("- \"" + q.question() + "\" → " + q.article() + " (rank " + (rank < 1 ? "> " + CANDIDATES : rank) + ")");
                }
            }
            int n = questions.size();
            double[] row = { sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / seedCount, sums[5] / (n - seedCount) };
            results.put(ranker.getKey(), row);
            report.append("| ").append(ranker.getKey());
            Arrays.stream(row).forEach(v -> report.append(String.format(" | %.3f", v)));
            report.append(" |\n");
        }
        report.append("\nMisses of the hybrid ranker at 5:\n\n").append(misses.isEmpty() ? "- none\n" : String.join("\n", misses) + "\n");

        long searchStart = System.nanoTime();
        int searches = 0;
        List<Double> latencies = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (Question q : questions) {
                long t = System.nanoTime();
                index.search(q.question(), model.embed(QUERY_PREFIX + q.question()).content().vector(), CANDIDATES, RRF_K, 5);
                latencies.add((System.nanoTime() - t) / 1e6);
                searches++;
            }
        }
        latencies.sort(Double::compare);
        report.append(String.format("%n## Throughput (this machine, %d cores)%n%n", Runtime.getRuntime().availableProcessors()))
                .append(String.format("- raw embedding rate (bge-small-en-v1.5-q, `embedAll` of the %d chunks): %.1f chunks/s%n",
                        chunks.size(), chunks.size() / embedSeconds))
                .append(String.format("- cleaning + chunking: %.1f ms for all %d articles%n", cleanSeconds * 1000, byArticle.size()))
                .append(String.format("- index build from stored vectors: %.1f ms%n", indexSeconds * 1000))
                .append(String.format("- search including query embedding: p50 %.1f ms, p95 %.1f ms over %d searches (%.1f s total)%n",
                        latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.95)), searches,
                        (System.nanoTime() - searchStart) / 1e9));
        System.out.println(report);
        Files.createDirectories(Path.of("docs/evaluation"));
        Files.writeString(Path.of("docs/evaluation/retrieval.md"), report.toString());
        assertTrue(results.get("hybrid (RRF)")[2] > 0, "the evaluation must find something");
    }

    private static int rankOfAnswer(ChunkIndex index, List<Long> ranked, Question q) {
        for (int i = 0; i < ranked.size(); i++) {
            IndexedChunk chunk = index.chunk(ranked.get(i));
            if (chunk.articleId().equals(q.article()) && chunk.text().contains(q.answer())) {
                return i + 1;
            }
        }
        return -1;
    }
}
