package io.crosscheck.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.crosscheck.eval.RetrievalEvaluationTest.Loaded;
import io.crosscheck.eval.RetrievalEvaluationTest.Question;
import io.crosscheck.retrieval.EmbeddedSearchEngine;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.retrieval.RankFusion;
import io.crosscheck.retrieval.SearchEngine;
import io.crosscheck.retrieval.SolrSearchEngine;
import io.crosscheck.solr.SolrCloudProcess;

/**
 * The embedded index and a real SolrCloud (2 nodes, a collection of 2 shards x 2 replicas, in a child JVM) side by
 * side, on the same chunks and query vectors. Plain JUnit, not part of {@code ./mvnw verify}:
 * <ul>
 * <li>{@link #agreement}: tagged eval, {@code ./mvnw -o -q -Peval test -Dtest=SearchEngineComparisonTest}. The fused top
 * 10 of each engine for every retrieval evaluation question: overlap@10 (goal at least 0.95), recall@5 of both, and
 * the overlaps of the lexical and dense candidate lists alone to explain a gap. Asserts the goal.</li>
 * <li>{@link #latency}: tagged bench, {@code ./mvnw -o -q -Pbench test -Dtest=SearchEngineComparisonTest
 * -Dsolr.cloud.heap=2g}. Query latency at {@code bench.sizes} chunks (default 10,000 and 100,000) made of perturbed
 * copies of the evaluation chunks; query vectors are computed beforehand, so query embedding is not measured. Nothing
 * is asserted about times.</li>
 * </ul>
 * Results are printed; docs/benchmarks.md keeps them.
 */
class SearchEngineComparisonTest {

    private static final int CANDIDATES = 50;
    private static final int RRF_K = 60;
    private static final int TOP = 10;
    private static final int NODES = 2;
    private static final int SHARDS = 2;
    private static final int REPLICAS = 2;
    /** Chunks per bulk write to Solr: each write is one update request and one commit. */
    private static final int BATCH = Integer.getInteger("bench.batch", 10_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 4);
    /** Standard deviation of the noise added to each coordinate of a copied vector before normalising. */
    private static final double NOISE = 0.01;

    @Test
    @Tag("eval")
    void agreement() throws IOException {
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        Loaded loaded = RetrievalEvaluationTest.load(model);
        Map<String, float[]> queryVectors = queryVectors(model, loaded);
        List<SearchEngine.ArticleChunks> articles = byArticle(loaded.chunks());
        Map<Long, IndexedChunk> chunks = new LinkedHashMap<>();
        loaded.chunks().forEach(c -> chunks.put(c.chunkId(), c));
        try (SolrCloudProcess cluster = SolrCloudProcess.start(NODES);
                EmbeddedSearchEngine embedded = new EmbeddedSearchEngine();
                SolrSearchEngine solr = solr(cluster, "agreement")) {
            embedded.putArticles(articles);
            solr.putArticles(articles);
            assertEquals(embedded.size(), solr.size(), "both engines hold every chunk");

            double fusedOverlap = 0;
            double lexicalOverlap = 0;
            double denseOverlap = 0;
            int embeddedFound = 0;
            int solrFound = 0;
            List<String> differences = new ArrayList<>();
            for (Question q : loaded.questions()) {
                SearchEngine.Candidates e = embedded.candidates(q.question(), queryVectors.get(q.question()), CANDIDATES);
                SearchEngine.Candidates s = solr.candidates(q.question(), queryVectors.get(q.question()), CANDIDATES);
                List<Long> eTop = fusedTop(e, TOP);
                List<Long> sTop = fusedTop(s, TOP);
                double overlap = overlap(eTop, sTop);
                fusedOverlap += overlap;
                lexicalOverlap += overlap(head(e.lexical(), TOP), head(s.lexical(), TOP));
                denseOverlap += overlap(head(e.dense(), TOP), head(s.dense(), TOP));
                embeddedFound += found(chunks, head(eTop, 5), q) ? 1 : 0;
                solrFound += found(chunks, head(sTop, 5), q) ? 1 : 0;
                if (!eTop.equals(sTop)) {
                    differences.add(String.format("- \"%s\": overlap %.1f, embedded %s, solr %s", q.question(), overlap,
                            eTop, sTop));
                }
            }
            int n = loaded.questions().size();
            StringBuilder report = new StringBuilder();
            report.append(String.format("%d questions, %d chunks of %d articles; Solr: %d nodes, %d shards x %d replicas; "
                    + "%d candidates per list, RRF k=%d%n%n", n, chunks.size(), articles.size(), NODES, SHARDS, REPLICAS,
                    CANDIDATES, RRF_K))
                    .append("| measure | value |\n|---|---|\n")
                    .append(String.format("| fused top-10 overlap (mean) | %.3f |%n", fusedOverlap / n))
                    .append(String.format("| lexical top-10 overlap (mean) | %.3f |%n", lexicalOverlap / n))
                    .append(String.format("| dense top-10 overlap (mean) | %.3f |%n", denseOverlap / n))
                    .append(String.format("| recall@5 embedded (fused) | %.3f |%n", (double) embeddedFound / n))
                    .append(String.format("| recall@5 Solr (fused) | %.3f |%n", (double) solrFound / n))
                    .append(String.format("| questions whose fused top 10 differ in order or content | %d |%n",
                            differences.size()));
            if (!differences.isEmpty()) {
                report.append("\n").append(String.join("\n", differences)).append("\n");
            }
            System.out.println(report);
            assertTrue(fusedOverlap / n >= 0.95, "fused top-10 overlap below the goal of 0.95:\n" + report);
        }
    }

    @Test
    @Tag("bench")
    void latency() throws IOException {
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        Loaded loaded = RetrievalEvaluationTest.load(model);
        Map<String, float[]> queryVectors = queryVectors(model, loaded);
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "10000,100000").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        Runtime runtime = Runtime.getRuntime();
        StringBuilder report = new StringBuilder(String.format(
                "Test JVM max heap %d MB; Solr child JVM -Xmx%s -XX:+UseSerialGC; %d cores; load average at start: %s%n"
                        + "%d queries per engine per size (%d questions x %d rounds) after one warm-up round; query "
                        + "vectors precomputed (embedding excluded); %d candidates per list, RRF k=%d, top %d.%n%n",
                runtime.maxMemory() >> 20, SolrCloudProcess.HEAP, runtime.availableProcessors(), loadAverage(),
                loaded.questions().size() * ROUNDS, loaded.questions().size(), ROUNDS, CANDIDATES, RRF_K, TOP));
        report.append("| chunks | engine | load (s) | p50 (ms) | p95 (ms) | mean (ms) |\n|---|---|---|---|---|---|\n");
        List<String> ratios = new ArrayList<>();
        try (SolrCloudProcess cluster = SolrCloudProcess.start(NODES)) {
            for (int size : sizes) {
                List<SearchEngine.ArticleChunks> articles = byArticle(perturbedCopies(loaded.chunks(), size));
                double[][] stats = new double[2][];
                try (EmbeddedSearchEngine embedded = new EmbeddedSearchEngine();
                        SolrSearchEngine solr = solr(cluster, "latency" + size)) {
                    int e = 0;
                    for (SearchEngine engine : List.of(embedded, solr)) {
                        long start = System.nanoTime();
                        load(engine, articles);
                        double loadSeconds = (System.nanoTime() - start) / 1e9;
                        assertEquals(size, engine.size(), engine.name() + " holds every chunk");
                        stats[e] = time(engine, loaded.questions(), queryVectors);
                        report.append(String.format("| %,d | %s | %.1f | %.1f | %.1f | %.1f |%n", size, engine.name(),
                                loadSeconds, stats[e][0], stats[e][1], stats[e][2]));
                        System.out.println(report);
                        e++;
                    }
                }
                ratios.add(String.format("| %,d | %.1f | %.1f | %.1f |", size, stats[1][0] / stats[0][0],
                        stats[1][1] / stats[0][1], stats[1][2] / stats[0][2]));
            }
        }
        report.append("\n| chunks | Solr/embedded p50 | p95 | mean |\n|---|---|---|---|\n").append(String.join("\n", ratios))
                .append(String.format("%n%nLoad average at the end: %s%n", loadAverage()));
        System.out.println(report);
    }

    private static SolrSearchEngine solr(SolrCloudProcess cluster, String collection) {
        SolrSearchEngine solr = new SolrSearchEngine(new SolrSearchEngine.Settings(cluster.urls(), collection, true, SHARDS,
                REPLICAS, Duration.ofMinutes(5)));
        solr.start();
        cluster.awaitCollection(collection, SHARDS, REPLICAS);
        return solr;
    }

    /** Writes in batches of about {@link #BATCH} chunks (whole articles). */
    private static void load(SearchEngine engine, List<SearchEngine.ArticleChunks> articles) {
        List<SearchEngine.ArticleChunks> batch = new ArrayList<>();
        int chunks = 0;
        for (SearchEngine.ArticleChunks article : articles) {
            batch.add(article);
            chunks += article.chunks().size();
            if (chunks >= BATCH) {
                engine.putArticles(batch);
                batch = new ArrayList<>();
                chunks = 0;
            }
        }
        engine.putArticles(batch);
    }

    /** p50, p95 and mean in milliseconds of the fused search of every question, {@link #ROUNDS} times. */
    private static double[] time(SearchEngine engine, List<Question> questions, Map<String, float[]> vectors) {
        for (Question q : questions) {
            fusedTop(engine.candidates(q.question(), vectors.get(q.question()), CANDIDATES), TOP);
        }
        List<Double> millis = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Question q : questions) {
                long start = System.nanoTime();
                List<Long> top = fusedTop(engine.candidates(q.question(), vectors.get(q.question()), CANDIDATES), TOP);
                millis.add((System.nanoTime() - start) / 1e6);
                assertEquals(TOP, top.size());
            }
        }
        millis.sort(Double::compare);
        double mean = millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new double[] { millis.get(millis.size() / 2), millis.get((int) Math.ceil(millis.size() * 0.95) - 1), mean };
    }

    /**
     * {@code size} chunks: the evaluation chunks copied round-robin, each copy with a chunk id of its own, its text
     * unchanged and its vector the original plus gaussian noise, normalised. One copy of the whole corpus is one
     * article ({@code copy-N}), so that a batch of 10,000 chunks replaces about 150 articles, well under Solr's 1,024
     * boolean clauses in the delete query that precedes each write.
     */
    static List<IndexedChunk> perturbedCopies(List<IndexedChunk> originals, int size) {
        Random random = new Random(42);
        List<IndexedChunk> copies = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            IndexedChunk c = originals.get(i % originals.size());
            int copy = i / originals.size();
            float[] vector = new float[c.vector().length];
            double norm = 0;
            for (int d = 0; d < vector.length; d++) {
                vector[d] = (float) (c.vector()[d] + random.nextGaussian() * NOISE);
                norm += vector[d] * vector[d];
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < vector.length; d++) {
                vector[d] *= scale;
            }
            copies.add(new IndexedChunk(i, "copy-" + copy, c.title(), c.outlet(), c.url(), c.publishedAt(),
                    c.ordinal(), c.start(), c.end(), c.text(), vector));
        }
        return copies;
    }

    private static List<SearchEngine.ArticleChunks> byArticle(List<IndexedChunk> chunks) {
        Map<String, List<IndexedChunk>> byArticle = new LinkedHashMap<>();
        chunks.forEach(c -> byArticle.computeIfAbsent(c.articleId(), id -> new ArrayList<>()).add(c));
        return byArticle.entrySet().stream()
                .map(e -> new SearchEngine.ArticleChunks(e.getKey(), "v1", e.getValue())).toList();
    }

    private static Map<String, float[]> queryVectors(EmbeddingModel model, Loaded loaded) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        loaded.questions().forEach(q -> vectors.computeIfAbsent(q.question(), text -> RetrievalEvaluationTest.queryVector(model, text)));
        return vectors;
    }

    /** The fused ranking's first k ids, as SearchService ranks them. */
    private static List<Long> fusedTop(SearchEngine.Candidates candidates, int k) {
        return head(RankFusion.fuse(candidates.lexical(), candidates.dense(), RRF_K).stream().map(RankFusion.Fused::id)
                .filter(candidates.chunks()::containsKey).toList(), k);
    }

    private static List<Long> head(List<Long> ids, int k) {
        return ids.subList(0, Math.min(k, ids.size()));
    }

    /** Shared ids over the larger list's length (1.0 when both are empty). */
    private static double overlap(List<Long> a, List<Long> b) {
        int size = Math.max(a.size(), b.size());
        if (size == 0) {
            return 1;
        }
        Set<Long> shared = new HashSet<>(a);
        shared.retainAll(b);
        return (double) shared.size() / size;
    }

    private static boolean found(Map<Long, IndexedChunk> chunks, List<Long> ids, Question q) {
        return ids.stream().map(chunks::get)
                .anyMatch(c -> c.articleId().equals(q.article()) && c.text().contains(q.answer()));
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
