package io.crosscheck.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.junit.jupiter.api.Test;

/** What needs no running Solr: the bundled configset, and how an engine that does not answer fails. */
class SolrSearchEngineTest {

    private static final Path CONFIGSET = Path.of("deployment", "solr", "configsets", "crosscheck", "conf");

    @Test
    void theBundledConfigsetIsEveryFileOfTheDeploymentConfigset() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(CONFIGSET)) {
            files = walk.filter(Files::isRegularFile).map(file -> CONFIGSET.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        List<String> zipped = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(SolrSearchEngine.configsetZip()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                zipped.add(entry.getName());
            }
        }
        assertEquals(files, zipped.stream().sorted().toList());
    }

    @Test
    void theStopWordsAreLuceneEnglishAnalyzers() throws IOException {
        List<String> words = Files.readAllLines(CONFIGSET.resolve("lang/stopwords_en_lucene.txt")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).sorted().toList();
        List<String> lucene = new ArrayList<>();
        EnglishAnalyzer.ENGLISH_STOP_WORDS_SET
                .forEach(word -> lucene.add(word instanceof char[] chars ? new String(chars) : word.toString()));
        assertEquals(lucene.stream().sorted().toList(), words);
    }

    @Test
    void anEngineWhoseNodesDoNotAnswerFailsWithASearchEngineExceptionAndReportsDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/solr";
        try (SolrSearchEngine engine = new SolrSearchEngine(new SolrSearchEngine.Settings(List.of(url, url), "crosscheck",
                false, 2, 2, Duration.ofSeconds(2)))) {
            assertThrows(SearchEngineException.class, () -> engine.candidates("troops", new float[384], 10));
            assertThrows(SearchEngineException.class, () -> engine.putArticle("a", "h", List.of()));
            assertFalse(engine.health().up());
        }
    }
}
