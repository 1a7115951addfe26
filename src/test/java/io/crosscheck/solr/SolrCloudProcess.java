package io.crosscheck.solr;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SolrCloud ({@code MiniSolrCloudCluster}: embedded ZooKeeper and Jetty nodes) in a child JVM, launched from
 * src/test/solr-cloud/SolrCloudMain.java on the classpath that the build writes to target/solr-cloud.classpath
 * (pom.xml, exec-maven-plugin): solr-core never reaches Quarkus's test classpath. The child's log is
 * target/solr-cloud.log.
 */
public final class SolrCloudProcess implements AutoCloseable {

    private static final Path CLASSPATH = Path.of("target", "solr-cloud.classpath");
    private static final Path MAIN = Path.of("src", "test", "solr-cloud", "SolrCloudMain.java");
    private static final Path LOG = Path.of("target", "solr-cloud.log");
    /** The child JVM's maximum heap; the benchmarks at 100,000 chunks raise it ({@code -Dsolr.cloud.heap=2g}). */
    public static final String HEAP = System.getProperty("solr.cloud.heap", "768m");

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final List<String> urls;

    private SolrCloudProcess(Process process, BufferedReader out, List<String> urls) {
        this.process = process;
        this.out = out;
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.urls = urls;
    }

    /** Starts a cluster of that many nodes and returns once every node answers. */
    public static SolrCloudProcess start(int nodes) {
        if (!Files.isRegularFile(CLASSPATH)) {
            throw new IllegalStateException(CLASSPATH + " is missing: run the build's generate-test-resources phase");
        }
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx" + HEAP, "-XX:+UseSerialGC", "-cp",
                    Files.readString(CLASSPATH).strip(), MAIN.toString(), Integer.toString(nodes))
                    .redirectError(LOG.toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("NODES ")) {
                    return new SolrCloudProcess(process, out, List.of(line.substring(6).split(",")));
                }
            }
            throw new IllegalStateException("the SolrCloud process ended before its nodes were up; see " + LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base URLs of the nodes, {@code http://127.0.0.1:port/solr}, by node index. */
    public List<String> urls() {
        return urls;
    }

    public void stopNode(int node) {
        command("stop " + node);
    }

    /** Starts a stopped node again on its port and waits until it is live. */
    public void startNode(int node) {
        command("start " + node);
    }

    /** Waits until every replica of the collection is active. */
    public void awaitCollection(String collection, int shards, int replicas) {
        command("wait " + collection + " " + shards + " " + replicas);
    }

    private synchronized void command(String command) {
        in.println(command);
        try {
            String answer = out.readLine();
            if (!"OK".equals(answer)) {
                throw new IllegalStateException(command + ": " + answer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        in.println("quit");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
