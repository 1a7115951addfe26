package io.crosscheck.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.segment.TextSegment;
import io.crosscheck.bench.CorpusGenerator.Generated;
import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.embedding.EmbeddingService;
import io.crosscheck.figures.StoryAnalysisService;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.ArticleInput;
import io.crosscheck.ingest.ArticleService;
import io.crosscheck.ingest.Chunker;
import io.crosscheck.stories.Story;
import io.crosscheck.stories.StoryService;
import io.crosscheck.text.TextCleaner;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * What one new article costs as the corpus grows: bulk-loads a generated corpus of {@code bench.articles} articles
 * (vectors of base texts reused), then ingests {@code bench.fresh} fresh generated articles over HTTP with the real
 * model, half alone and half while one sequential client asks {@code /api/chat}, and compares with the raw model's
 * rate on the same chunk texts in the same run. Prints a table; see docs/benchmarks.md. Not a unit test: nothing is
 * asserted about times.
 */
@QuarkusTest
@TestProfile(ScaleBenchmark.Profile.class)
@Tag("bench")
class ScaleBenchmark {

    static final int ARTICLES = Integer.getInteger("bench.articles", 1000);
    static final int FRESH = Integer.getInteger("bench.fresh", 200);
    static final long SEED = Long.getLong("bench.seed", 42);
    static final int IDLE_QUESTIONS = 40;
    static final Path DB_DIR = Path.of("target/bench-db").toAbsolutePath();

    /** A file H2 of its own per corpus size, emptied before the run; the real model; the service's default debounce. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String db = System.getProperty("bench.db.file");
            if (db == null) {
                db = DB_DIR.resolve("crosscheck-" + ARTICLES).toString();
                try {
                    Files.createDirectories(DB_DIR);
                    String prefix = "crosscheck-" + ARTICLES + ".";
                    try (Stream<Path> files = Files.list(DB_DIR)) {
                        for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                            Files.delete(f);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty("bench.db.file", db);
            }
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", "jdbc:h2:file:" + db + ";DB_CLOSE_ON_EXIT=FALSE");
            config.put("%test.quarkus.datasource.jdbc.url", "jdbc:h2:file:" + db + ";DB_CLOSE_ON_EXIT=FALSE");
            config.put("crosscheck.corpus.bundled", "false");
            config.put("crosscheck.analysis.debounce", "1s");
            config.put("%test.crosscheck.analysis.debounce", "1s");
            return config;
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(BenchEmbeddingService.class);
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    ArticleService articles;
    @Inject
    StoryService stories;
    @Inject
    StoryAnalysisService analysis;
    @Inject
    EmbeddingService embeddings;
    @Inject
    CrosscheckConfig config;
    @Inject
    MeterRegistry registry;
    @Inject
    ObjectMapper json;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Report report = new Report();

    @Test
    void scale() throws Exception {
        BenchEmbeddingService bench = (BenchEmbeddingService) embeddings;
        CorpusGenerator generator = new CorpusGenerator(SEED);
        List<Generated> corpus = generator.corpus(ARTICLES);
        int generatedStories = generator.storyCount();
        List<Generated> fresh = generator.fresh(FRESH);
        List<String> questions = questions(generator, new Random(SEED));
        report.line("Corpus", String.format("%d generated articles in %d stories (long-running ones: %d articles) from %d base articles in %d "
                + "stories; %d fresh articles (%d of them start new stories)", corpus.size(), generatedStories,
                CorpusGenerator.LONG_STORY_SIZE, generator.baseStories().stream().mapToInt(List::size).sum(),
                generator.baseStories().size(), fresh.size(), generator.storyCount() - generatedStories));
        report.line("JVM", String.format("%s, %d cores, max heap %d MB", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));

        bulkLoad(bench, corpus);
        measure(fresh, questions);
        report.print(ARTICLES);
    }

    private void bulkLoad(BenchEmbeddingService bench, List<Generated> corpus) {
        VectorCache cache = new VectorCache(Path.of("target/bench-cache", embeddings.modelName() + ".bin"));
        int cachedBefore = cache.size();
        bench.useCache(cache);
        String load = loadAverage();
        long created = 0;
        long started = System.nanoTime();
        try (PhaseMeters meters = new PhaseMeters(registry);
                StackSampler sampler = new StackSampler(20, Thread.currentThread().getName(), "story-analysis")) {
            for (int i = 0; i < corpus.size(); i++) {
                Generated g = corpus.get(i);
                boolean[] isNew = new boolean[1];
                BenchEmbeddingService.withBaseTexts(g.names()::invert,
                        () -> isNew[0] = articles.ingest(input(g), false).created());
                created += isNew[0] ? 1 : 0;
                if ((i + 1) % 500 == 0) {
                    double s = seconds(started);
                    System.out.printf("bench: bulk %d/%d in %.0f s (%.1f articles/s), vector cache %d hits %d misses, load %s%n",
                            i + 1, corpus.size(), s, (i + 1) / s, bench.hits.get(), bench.misses.get(), loadAverage());
                    cache.save();
                }
            }
            double bulkSeconds = seconds(started);
            cache.save();
            long drainStarted = System.nanoTime();
            int drained = analysis.drain();
            double drainSeconds = seconds(drainStarted);
            PhaseMeters.Stat analysed = meters.timer("crosscheck.figures.analysis");
            PhaseMeters.Stat assignment = meters.timer("crosscheck.stories.assignment");
            long storyCount = stories.count();
            report.line("Bulk load", String.format("%d articles (%d new) in %.0f s: **%.1f articles/s** [load %s → %s]; "
                    + "vector cache %d hits, %d misses (%d texts cached before the run)", corpus.size(), created, bulkSeconds,
                    corpus.size() / bulkSeconds, load, loadAverage(), bench.hits.get(), bench.misses.get(), cachedBefore));
            report.line("Bulk: story assignment per article", stat(assignment));
            report.line("Bulk: analyses during the load, then drain()", String.format("%d analyses, %s; drain() analysed %d "
                    + "queued stories in %.1f s", analysed.count(), stat(analysed), drained, drainSeconds));
            report.line("Bulk: stories formed", String.format("%d (generated: %d); largest %d articles", storyCount,
                    corpus.stream().mapToInt(Generated::story).distinct().count(), largestStory()));
            report.line("After bulk load: heap used after GC / RSS / DB files", memory());
            report.profile("Bulk load, sampled stacks (every 20 ms)", sampler.report(14));
        }
        bench.useCache(null);
    }

    private void measure(List<Generated> fresh, List<String> questions) throws Exception {
        CrosscheckConfig.Chunking sizes = config.chunking();
        Chunker chunker = new Chunker(sizes.minTokens(), sizes.targetTokens(), sizes.maxTokens(), sizes.overlapTokens(),
                ArticleService::countTokens);
        List<String> chunkTexts = new ArrayList<>();
        for (Generated g : fresh) {
            String text = TextCleaner.clean(g.text(), TextCleaner.Format.TEXT).text();
            chunker.chunk(text).forEach(p -> chunkTexts.add(text.substring(p.start(), p.end())));
        }
        int half = fresh.size() / 2;
        List<String> aloneChunks = chunkTexts.subList(0, chunkCount(fresh.subList(0, half), chunker));

        embeddings.embedPassages(chunkTexts.subList(0, Math.min(16, chunkTexts.size())));
        ask(questions.get(0));
        String load = loadAverage();
        double rawBefore = rawRate(aloneChunks);
        List<Double> cold = new ArrayList<>();
        for (int i = 0; i < IDLE_QUESTIONS; i++) {
            cold.add(ask(questions.get(i % questions.size())));
        }
        report.line("/api/chat, first time each question is asked after the bulk load (stories' measures not cached yet)",
                String.format("%d questions: p50 %.0f ms, p95 %.0f ms", cold.size(), percentile(cold, 0.5), percentile(cold, 0.95)));
        List<Double> idle = new ArrayList<>();
        try (StackSampler sampler = new StackSampler(5, "executor-thread")) {
            for (int i = 0; i < IDLE_QUESTIONS; i++) {
                idle.add(ask(questions.get(i % questions.size())));
            }
            report.profile("/api/chat alone, sampled stacks (every 5 ms)", sampler.report(14));
        }
        double rawPerArticle = rawRatePerArticle(fresh.subList(0, half), chunker);
        report.line("Raw model before (same chunk texts as the first fresh half, batches of 16, plain `embedAll`)",
                String.format("%d chunks: **%.1f chunks/s** [load %s]; one `embedAll` per article, as ingestion calls it: "
                        + "%.1f chunks/s", aloneChunks.size(), rawBefore, load, rawPerArticle));
        report.line("/api/chat idle, the same questions again (one sequential client, no ingestion)", String.format("%d questions: p50 %.0f ms, p95 %.0f ms",
                idle.size(), percentile(idle, 0.5), percentile(idle, 0.95)));

        long storiesBefore = stories.count();
        try (PhaseMeters meters = new PhaseMeters(registry);
                StackSampler sampler = new StackSampler(20, "executor-thread", "story-analysis")) {
            Ingested alone = ingest(fresh.subList(0, half), null, null);
            List<Double> chat = new ArrayList<>();
            Ingested withChat = ingest(fresh.subList(half, fresh.size()), questions, chat);
            long drainStarted = System.nanoTime();
            int drained = analysis.drain();
            double drainSeconds = seconds(drainStarted);
            PhaseMeters.Stat analysed = meters.timer("crosscheck.figures.analysis");
            String loadAfter = loadAverage();
            double rawAfter = rawRate(aloneChunks);
            double raw = (rawBefore + rawAfter) / 2;
            report.line("Raw model after", String.format("%.1f chunks/s [load %s]; mean of before and after %.1f chunks/s",
                    rawAfter, loadAfter, raw));
            report.line("Fresh ingestion over HTTP, alone", String.format("%d articles, %d chunks in %.1f s: %.2f articles/s, "
                    + "**%.1f chunks/s = %.2f × raw** (goal ≥ 0.9); per article p50 %.0f ms, p95 %.0f ms", alone.articles,
                    alone.chunks, alone.seconds, alone.articles / alone.seconds, alone.chunks / alone.seconds,
                    alone.chunks / alone.seconds / raw, percentile(alone.latencies, 0.5), percentile(alone.latencies, 0.95)));
            report.line("Fresh ingestion over HTTP, with the chat client", String.format("%d articles, %d chunks in %.1f s: "
                    + "%.2f articles/s, **%.1f chunks/s = %.2f × raw**", withChat.articles, withChat.chunks, withChat.seconds,
                    withChat.articles / withChat.seconds, withChat.chunks / withChat.seconds,
                    withChat.chunks / withChat.seconds / raw));
            report.line("/api/chat during ingestion", String.format("%d questions: p50 %.0f ms, **p95 %.0f ms** (goal ≤ 150); "
                    + "p95 / idle p95 = %.1f", chat.size(), percentile(chat, 0.5), percentile(chat, 0.95),
                    percentile(chat, 0.95) / percentile(idle, 0.95)));
            report.line("Analysis of the fresh articles' stories", String.format("%d analyses (drain() at the end: %d stories, "
                    + "%.1f s); **%.0f ms per new article** (sum / %d; goal ≤ 100); per story %s", analysed.count(), drained,
                    drainSeconds, analysed.totalMs() / fresh.size(), fresh.size(), stat(analysed)));
            report.line("Stories after", String.format("%d (+%d); largest %d articles", stories.count(),
                    stories.count() - storiesBefore, largestStory()));
            report.line("Per fresh article, service timers", String.join("; ",
                    "all embedding batches (chunks and figure texts) " + perArticle(meters.timer("crosscheck.embedding.batch"), fresh.size()),
                    "figure extraction " + perArticle(meters.timer("crosscheck.figures.extraction"), fresh.size()),
                    "phrase/sentence embedding " + perArticle(meters.timer("crosscheck.figures.embedding"), fresh.size()),
                    "story assignment " + perArticle(meters.timer("crosscheck.stories.assignment"), fresh.size()),
                    "search (chat) " + stat(meters.timer("crosscheck.search"))));
            report.line("At the end: heap used after GC / RSS / DB files", memory());
            report.profile("Measured phase, sampled stacks (every 20 ms)", sampler.report(14));
        }
    }

    private static int chunkCount(List<Generated> articles, Chunker chunker) {
        return articles.stream().mapToInt(g -> chunker.chunk(TextCleaner.clean(g.text(), TextCleaner.Format.TEXT).text()).size())
                .sum();
    }

    private record Ingested(int articles, long chunks, double seconds, List<Double> latencies) {
    }

    /** POSTs the articles one after the other; meanwhile, when {@code chat} is given, another thread asks questions. */
    private Ingested ingest(List<Generated> batch, List<String> questions, List<Double> chat) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread asker = null;
        if (chat != null) {
            asker = new Thread(() -> {
                Random random = new Random(SEED + 1);
                while (!done.get()) {
                    chat.add(ask(questions.get(random.nextInt(questions.size()))));
                }
            }, "bench-chat");
            asker.start();
        }
        List<Double> latencies = new ArrayList<>();
        long chunks = 0;
        long started = System.nanoTime();
        for (Generated g : batch) {
            Map<String, Object> body = new HashMap<>();
            body.put("id", g.id());
            body.put("title", g.title());
            body.put("outlet", g.outlet());
            body.put("publishedAt", g.publishedAt().toString());
            body.put("text", g.text());
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/articles"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            latencies.add((System.nanoTime() - t) / 1e6);
            assertEquals(201, response.statusCode(), response.body());
            chunks += json.readTree(response.body()).get("chunkCount").asLong();
        }
        double seconds = seconds(started);
        done.set(true);
        if (asker != null) {
            asker.join();
        }
        return new Ingested(batch.size(), chunks, seconds, latencies);
    }

    private double ask(String question) {
        try {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/chat"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("question", question)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - t) / 1e6;
            assertEquals(200, response.statusCode(), response.body());
            return ms;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw model on these texts: batches of 16 through {@code embedAll}, as the service embeds chunks. */
    private double rawRate(List<String> texts) {
        int batch = config.embedding().batchSize();
        long started = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batch) {
            embeddings.model().embedAll(texts.subList(from, Math.min(texts.size(), from + batch)).stream()
                    .map(TextSegment::from).toList());
        }
        return texts.size() / seconds(started);
    }

    /** The raw model called as ingestion calls it: one {@code embedAll} per article with that article's chunks. */
    private double rawRatePerArticle(List<Generated> batch, Chunker chunker) {
        long chunks = 0;
        long started = System.nanoTime();
        for (Generated g : batch) {
            String text = TextCleaner.clean(g.text(), TextCleaner.Format.TEXT).text();
            List<TextSegment> segments = chunker.chunk(text).stream().map(p -> TextSegment.from(text.substring(p.start(), p.end())))
                    .toList();
            embeddings.model().embedAll(segments);
            chunks += segments.size();
        }
        return chunks / seconds(started);
    }

    /** Retrieval questions of the story's base articles in the story's names, or its title as a question. */
    private static List<String> questions(CorpusGenerator generator, Random random) throws IOException {
        JsonNode all = new ObjectMapper().readTree(Path.of("src/test/resources/eval/retrieval-questions.json").toFile());
        Map<String, List<String>> byArticle = new HashMap<>();
        all.get("questions").forEach(q -> byArticle.computeIfAbsent(q.get("article").asText(), a -> new ArrayList<>())
                .add(q.get("question").asText()));
        List<String> questions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int story = random.nextInt(generator.storyCount());
            List<Generated> articles = generator.articlesOf(story);
            Generated article = articles.get(random.nextInt(articles.size()));
            List<String> own = byArticle.get(article.base().id());
            String question = own != null ? own.get(random.nextInt(own.size()))
                    : "What do the sources report about " + (article.title() != null ? article.title()
                            : article.base().text().lines().filter(l -> !l.isBlank()).findFirst().orElse("it")) + "?";
            questions.add(article.names().apply(question));
        }
        return questions;
    }

    private static long largestStory() {
        return QuarkusTransaction.requiringNew().call(() -> Story.<Story> find("order by articleCount desc").page(0, 1)
                .firstResultOptional().map(s -> (long) s.articleCount).orElse(0L));
    }

    private static String memory() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long db = 0;
        try (Stream<Path> files = Files.list(DB_DIR)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("crosscheck-" + ARTICLES + ".")).toList()) {
                db += Files.size(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long articleCount = QuarkusTransaction.requiringNew().call(() -> Article.count());
        return String.format("%d MB / %d MB / %d MB (%d articles)", heap >> 20, rss() >> 20, db >> 20, articleCount);
    }

    static long rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String stat(PhaseMeters.Stat s) {
        return String.format("n %d, mean %.1f ms, p50 %.1f ms, p95 %.1f ms, max %.0f ms", s.count(), s.meanMs(), s.p50Ms(),
                s.p95Ms(), s.maxMs());
    }

    private static String perArticle(PhaseMeters.Stat s, int articles) {
        return String.format("%.1f ms", s.totalMs() / articles);
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** The results as a Markdown table, printed and written to target/bench-results/. */
    static final class Report {
        private final List<String[]> lines = new ArrayList<>();
        private final List<String> profiles = new ArrayList<>();

        void line(String measure, String value) {
            lines.add(new String[] { measure, value });
            System.out.println("bench: " + measure + ": " + value);
        }

        void profile(String title, String text) {
            profiles.add(title + "\n" + text);
        }

        void print(int articles) throws IOException {
            StringBuilder out = new StringBuilder(String.format("%n### %d articles (seed %d, load average %s at the end)%n%n",
                    articles, SEED, loadAverage()));
            out.append("| Measure | Value |\n|---|---|\n");
            lines.forEach(l -> out.append("| ").append(l[0]).append(" | ").append(l[1]).append(" |\n"));
            out.append("\n```text\n");
            profiles.forEach(p -> out.append(p).append('\n'));
            out.append("```\n");
            System.out.println(out);
            Path file = Path.of("target/bench-results", "scale-" + articles + ".md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, out.toString());
        }
    }

    private static ArticleInput input(Generated g) {
        return new ArticleInput(g.id(), g.title(), g.outlet(), null, g.publishedAt(), g.text(), TextCleaner.Format.TEXT,
                Article.Origin.UPLOAD);
    }
}
