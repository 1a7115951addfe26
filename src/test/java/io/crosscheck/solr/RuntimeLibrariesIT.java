package io.crosscheck.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The packaged service talks to Solr through SolrJ only: no Solr server (solr-core, its Jetty 10, Jersey or log4j)
 * and no ZooKeeper client reaches target/quarkus-app/lib. solr-test-framework is a build-plugin dependency only.
 */
class RuntimeLibrariesIT {

    private static final List<String> FORBIDDEN_JARS = List.of("solr-core", "solr-test-framework", "jetty-server",
            "zookeeper", "log4j-core", "jersey-server");

    @Test
    void theApplicationCarriesSolrjButNoSolrServerClass() throws IOException {
        Path lib = Path.of(System.getProperty("crosscheck.it.jar", "target/quarkus-app/quarkus-run.jar")).getParent()
                .resolve("lib");
        List<Path> jars;
        try (Stream<Path> files = Files.walk(lib)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
        assertTrue(jars.stream().anyMatch(jar -> jar.getFileName().toString().contains("solr-solrj")), lib.toString());
        List<Path> forbidden = jars.stream()
                .filter(jar -> FORBIDDEN_JARS.stream().anyMatch(name -> jar.getFileName().toString().contains(name)))
                .toList();
        assertEquals(List.of(), forbidden);
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                assertTrue(zip.stream().noneMatch(entry -> entry.getName().startsWith("org/apache/solr/core/")),
                        jar + " holds org.apache.solr.core classes");
            }
        }
    }
}
