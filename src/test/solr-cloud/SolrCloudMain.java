import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real SolrCloud (embedded ZooKeeper, N Jetty nodes) for the Solr tests, run as a single-file program in a JVM of
 * its own by io.crosscheck.solr.SolrCloudProcess: solr-core's Jetty 10, Jersey and log4j never meet Quarkus's
 * classpath. Prints "NODES url,url" when up, then answers commands read from stdin, one per line, with "OK" or
 * "ERROR message": "stop i", "start i" (same port), "wait collection shards replicas". Ends at "quit" or end of input,
 * so a parent that dies takes the cluster with it.
 */
public class SolrCloudMain {

    public static void main(String[] args) throws Exception {
        int nodes = Integer.parseInt(args[0]);
        // stdout carries the protocol only: Solr's console logging goes to stderr with everything else
        PrintStream protocol = System.out;
        System.setOut(System.err);
        Path dir = Files.createTempDirectory("crosscheck-solr-cloud");
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(nodes, dir).build();
        // by the index at start: the cluster's own list drops a node while it is stopped
        List<JettySolrRunner> jettys = new ArrayList<>(cluster.getJettySolrRunners());
        protocol.println("NODES " + jettys.stream().map(jetty -> jetty.getBaseUrl().toString())
                .collect(Collectors.joining(",")));
        protocol.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
                String[] command = line.trim().split("\\s+");
                try {
                    switch (command[0]) {
                        case "stop" -> cluster.stopJettySolrRunner(jettys.get(Integer.parseInt(command[1])));
                        case "start" -> {
                            JettySolrRunner jetty = jettys.get(Integer.parseInt(command[1]));
                            cluster.startJettySolrRunner(jetty, true);
                            cluster.waitForNode(jetty, 30);
                        }
                        case "wait" -> cluster.waitForActiveCollection(command[1], Integer.parseInt(command[2]),
                                Integer.parseInt(command[2]) * Integer.parseInt(command[3]));
                        default -> throw new IllegalArgumentException("unknown command " + line);
                    }
                    protocol.println("OK");
                } catch (Exception e) {
                    protocol.println("ERROR " + e);
                }
                protocol.flush();
            }
        } finally {
            cluster.shutdown();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        System.exit(0);
    }
}
