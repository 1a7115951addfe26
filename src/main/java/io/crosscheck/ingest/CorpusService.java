package io.crosscheck.ingest;

import io.crosscheck.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.jobs.JobService;
import io.crosscheck.jobs.JobWorker;
import io.crosscheck.text.Hashes;
import io.crosscheck.text.TextCleaner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * At start, once the search index is rebuilt: queues one job per file of the bundled demo corpus and of the configured
 * corpus directory, then helps run them until all are finished. The jobs are shared by every instance on the database
 * (each enqueues the same files; a file's job is keyed by its name and content, so it is queued once and an unchanged
 * file is not ingested again at the next start). Ingestion is idempotent anyway: already stored content is
 * recognised and skipped, and a file whose stored copy older cleaning rules produced is recognised by its id and
 * counted as stored (the cleaning upgrade brings the copy up to date). Large directories log their progress.
 */
@ApplicationScoped
public class CorpusService {

    private static final String BUNDLED = "corpus/";
    private static final List<String> EXTENSIONS = List.of(".txt", ".md", ".html", ".htm");
    /** Characters of a file's path kept in its job key as they are; a longer path is replaced by its hash. */
    private static final int KEY_PATH_CHARS = 400;

    /** How far start-up ingestion has got, counted from the job table; shown by the readiness check. */
    public record Progress(String state, int files, int done, int failed) {
    }

    private final CrosscheckConfig config;
    private final ArticleJobHandler handler;
    private final JobService jobs;
    private final JobWorker workers;
    private final CleaningUpgrade cleaning;
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "corpus-ingest"));
    private volatile Progress progress = new Progress("pending", 0, 0, 0);

    public CorpusService(CrosscheckConfig config, ArticleJobHandler handler, JobService jobs, JobWorker workers,
            CleaningUpgrade cleaning, ObjectMapper json) {
        this.config = config;
        this.handler = handler;
        this.jobs = jobs;
        this.workers = workers;
        this.cleaning = cleaning;
        this.json = json;
    }

    /**
     * After the search index is rebuilt from the database (lower priority values run first). Articles that older
     * cleaning rules produced are cleaned again in the background once the corpus files have been met: a file whose
     * stored copy is stale gives it its source.
     */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        if (config.corpus().async()) {
            worker.submit(this::ingestAllThenUpgrade);
        } else {
            ingestAllThenUpgrade();
        }
    }

    private void ingestAllThenUpgrade() {
        try {
            ingestAll();
        } catch (RuntimeException e) {
            Log.warnf("Corpus ingestion stopped: %s; its queued files are ingested by the job workers", e.toString());
        } finally {
            cleaning.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    public Progress progress() {
        return progress;
    }

    void ingestAll() {
        List<Source> sources = new ArrayList<>();
        if (config.corpus().bundled()) {
            sources.addAll(bundledSources());
        }
        config.corpus().path().map(Path::of).ifPresent(dir -> sources.addAll(directorySources(dir)));
        long started = System.nanoTime();
        progress = new Progress("running", sources.size(), 0, 0);
        List<Long> ids = new ArrayList<>(sources.size());
        for (Source source : sources) {
            ids.add(jobs.enqueue(ArticleJobHandler.KIND, handler.job(source.key(), source.input())));
        }
        int[] logged = { 0 };
        JobService.Counts counts = workers.runUntilFinished(Set.of(ArticleJobHandler.KIND), ids, c -> {
            progress = new Progress("running", sources.size(), c.done(), c.failed());
            int finished = c.done() + c.failed();
            if (finished - logged[0] >= config.ingest().progressEvery() && finished < sources.size()) {
                logged[0] = finished;
                double seconds = (System.nanoTime() - started) / 1e9;
                Log.infof("Corpus ingestion: %d/%d files (%d failed), %.1f files/s, about %.0f s left", finished,
                        sources.size(), c.failed(), finished / seconds, (sources.size() - finished) / (finished / seconds));
            }
        });
        progress = new Progress("done", sources.size(), counts.done(), counts.failed());
        if (counts.failed() > 0) {
            Log.warnf("Corpus ingestion: %d file(s) not ingested; their errors are in the job table (kind %s)",
                    counts.failed(), ArticleJobHandler.KIND);
        }
        Log.infof("Corpus ingestion done: %d files, %d failed, in %d ms", sources.size(), counts.failed(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** A corpus file: its job key (where it lies and what it holds) and the article it gives. */
    private record Source(String key, ArticleInput input) {
    }

    private Source source(String where, ArticleInput input) {
        String path = where.length() > KEY_PATH_CHARS ? Hashes.sha256Hex(where) : where;
        String content = Hashes.sha256Hex(handler.payload(input, false));
        return new Source(path + "#" + content.substring(0, 16), input);
    }

    private List<Source> bundledSources() {
        String manifest = classpathText(BUNDLED + "manifest.txt");
        return manifest.lines().map(String::strip).filter(line -> !line.isEmpty()).map(file -> source("bundled/" + file,
                input(file, classpathText(BUNDLED + file), null, Article.Origin.BUNDLED))).toList();
    }

    private List<Source> directorySources(Path dir) {
        if (!Files.isDirectory(dir)) {
            Log.warnf("crosscheck.corpus.path=%s is not a directory; nothing ingested from it", dir);
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(CorpusService::isArticleFile).sorted()
                    .map(file -> source("directory/" + dir.relativize(file), input(file.getFileName().toString(),
                            read(file), readMeta(sidecar(file)), Article.Origin.DIRECTORY)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isArticleFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith) && !name.endsWith(".meta.json");
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(baseName(file.getFileName().toString()) + ".meta.json");
    }

    private ArticleInput input(String fileName, String body, JsonNode meta, Article.Origin origin) {
        return new ArticleInput(baseName(fileName), text(meta, "title"), text(meta, "outlet"), text(meta, "url"),
                date(meta), body, TextCleaner.formatOf(fileName, body), origin);
    }

    private JsonNode readMeta(Path sidecar) {
        if (!Files.exists(sidecar)) {
            return null;
        }
        try {
            return json.readTree(sidecar.toFile());
        } catch (IOException e) {
            Log.warnf("Ignoring unreadable metadata %s: %s", sidecar, e.getMessage());
            return null;
        }
    }

    private static String text(JsonNode meta, String field) {
        return meta != null && meta.hasNonNull(field) ? meta.get(field).asText() : null;
    }

    private static LocalDate date(JsonNode meta) {
        try {
            return ArticleDates.parse(text(meta, "publishedAt"));
        } catch (ProblemException e) {
            Log.warnf("Ignoring metadata: %s", e.getMessage());
            return null;
        }
    }

    static String baseName(String fileName) {
        int dot = fileName.indexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpathText(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled corpus file missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
