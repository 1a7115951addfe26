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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.text.TextCleaner;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * At start, once the search index is rebuilt: ingests the bundled demo corpus and the configured corpus directory.
 * Already stored files are recognised by content and skipped, so restarts are cheap and nothing is wiped; a file whose
 * stored copy older cleaning rules produced is recognised by its id and counted as already stored (the cleaning upgrade
 * brings the copy up to date). Large directories log their progress.
 */
@ApplicationScoped
public class CorpusService {

    private static final String BUNDLED = "corpus/";
    private static final List<String> EXTENSIONS = List.of(".txt", ".md", ".html", ".htm");

    /** How far start-up ingestion has got; shown by the readiness check. */
    public record Progress(String state, int files, int done, int created, int failed) {
    }

    private final CrosscheckConfig config;
    private final ArticleService articles;
    private final CleaningUpgrade cleaning;
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "corpus-ingest"));
    private volatile Progress progress = new Progress("pending", 0, 0, 0, 0);

    public CorpusService(CrosscheckConfig config, ArticleService articles, CleaningUpgrade cleaning, ObjectMapper json) {
        this.config = config;
        this.articles = articles;
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
        int created = 0;
        int failed = 0;
        progress = new Progress("running", sources.size(), 0, 0, 0);
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            try {
                if (articles.ingest(source.input(), false).created()) {
                    created++;
                }
            } catch (RuntimeException e) {
                failed++;
                Log.warnf("Corpus file %s not ingested: %s", source.name(), e.getMessage());
            }
            progress = new Progress("running", sources.size(), i + 1, created, failed);
            if ((i + 1) % config.ingest().progressEvery() == 0 && i + 1 < sources.size()) {
                double seconds = (System.nanoTime() - started) / 1e9;
                Log.infof("Corpus ingestion: %d/%d files (%d new, %d failed), %.1f files/s, about %.0f s left", i + 1,
                        sources.size(), created, failed, (i + 1) / seconds, (sources.size() - i - 1) / ((i + 1) / seconds));
            }
        }
        progress = new Progress("done", sources.size(), sources.size(), created, failed);
        Log.infof("Corpus ingestion done: %d files, %d new, %d already stored, %d failed, in %d ms", sources.size(), created,
                sources.size() - created - failed, failed, (System.nanoTime() - started) / 1_000_000);
    }

    private record Source(String name, ArticleInput input) {
    }

    private List<Source> bundledSources() {
        String manifest = classpathText(BUNDLED + "manifest.txt");
        return manifest.lines().map(String::strip).filter(line -> !line.isEmpty()).map(file -> new Source(file,
                input(file, classpathText(BUNDLED + file), null, Article.Origin.BUNDLED))).toList();
    }

    private List<Source> directorySources(Path dir) {
        if (!Files.isDirectory(dir)) {
            Log.warnf("crosscheck.corpus.path=%s is not a directory; nothing ingested from it", dir);
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(CorpusService::isArticleFile).sorted()
                    .map(file -> new Source(file.toString(), input(file.getFileName().toString(), read(file),
                            readMeta(sidecar(file)), Article.Origin.DIRECTORY)))
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
