package io.crosscheck.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The articles evaluations run on: the bundled seeds and our own articles on other topics, with their metadata. */
public final class EvalCorpus {

    public record Doc(String id, String raw, String title, String outlet, LocalDate publishedAt, boolean seed) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCorpus() {
    }

    public static List<Doc> all() {
        List<Doc> docs = new ArrayList<>(seeds());
        docs.addAll(own());
        return docs;
    }

    public static List<Doc> seeds() {
        return resource("/corpus/manifest.txt").lines().filter(line -> !line.isBlank())
                .map(file -> new Doc(file.substring(0, file.indexOf('.')), resource("/corpus/" + file), null, null, null, true))
                .toList();
    }

    public static List<Doc> own() {
        Path dir = Path.of("src/test/resources/eval/articles");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().map(EvalCorpus::ownDoc).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Doc ownDoc(Path file) {
        try {
            String id = file.getFileName().toString().replace(".txt", "");
            JsonNode meta = JSON.readTree(file.resolveSibling(id + ".meta.json").toFile());
            return new Doc(id, Files.readString(file), meta.path("title").asText(null), meta.path("outlet").asText(null),
                    meta.hasNonNull("publishedAt") ? LocalDate.parse(meta.get("publishedAt").asText()) : null, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = EvalCorpus.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
