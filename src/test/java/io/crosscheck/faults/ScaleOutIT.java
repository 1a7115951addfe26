package io.crosscheck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.crosscheck.solr.SolrCloudProcess;

/**
 * Two packaged service instances sharing one PostgreSQL database and one SolrCloud (2 nodes, a collection of 2 shards
 * × 2 replicas): one of them is killed with SIGKILL in the middle of a 50-article bulk ingestion, and every article ends
 * up stored, indexed and analysed exactly once, and both instances give the same answers once the killed one is back.
 *
 * <p>Needs the jar built for PostgreSQL (CI's PostgreSQL pass, see .ci/run): an H2 file cannot be shared by two
 * processes. As root it works in a database of its own ({@value #DATABASE}, dropped and created again through the
 * postgres OS user); otherwise in the build's database, checking only this run's articles.
 *
 * <p>With {@code -Dcrosscheck.scaleout.benchmark=true} it also measures ingestion throughput with one and with two
 * instances (docs/benchmarks.md, "Scale-out: ingestion with one and two instances").
 */
class ScaleOutIT {

    private static final int ARTICLES = 50;
    private static final String DATABASE = "crosscheck_scaleout";
    /** Short, so that the job and the story the killed instance held are taken over soon. */
    private static final String LEASE = "5s";
    private static final Duration INGESTION = Duration.ofSeconds(240);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoInstancesShareABulkIngestionAndOneIsKilledEveryArticleStoredIndexedAndAnalysedOnceAndAnswersAgree()
            throws Exception {
        assumeTrue(ServiceProcess.builtForPostgresql(),
                "two instances need a shared database: the jar is built for H2, whose file one process holds");
        ServiceProcess.jar();
        String url = freshDatabase();
        String run = FaultArticles.run();
        String collection = "scaleout_" + run.substring(3);
        try (SolrCloudProcess solr = SolrCloudProcess.start(2);
                ServiceProcess a = instance(url, solr, collection, "scaleout-a").start();
                ServiceProcess b = instance(url, solr, collection, "scaleout-b").start();
                Connection db = connect(url)) {
            solr.awaitCollection(collection, 2, 2);
            HttpResponse<String> accepted = a.postJson("/api/articles/bulk", articles(run, ARTICLES));
            assertEquals(202, accepted.statusCode(), accepted.body());
            String location = accepted.headers().firstValue("Location").orElseThrow();
            long batch = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

            // killed while it holds a job, after both instances have done some
            assertTrue(ServiceProcess.eventually(INGESTION, () -> count(db,
                    "select count(*) from job where batch_id = ? and upper(status) = 'RUNNING' and lease_owner = 'scaleout-b'",
                    batch) > 0 && done(a, location) >= 5), "instance B never held a job: " + a.get(location).body());
            int doneBefore = done(a, location);
            b.kill();
            assertTrue(doneBefore < ARTICLES, "the kill came too late to test anything: " + doneBefore);

            assertTrue(ServiceProcess.eventually(INGESTION, () -> "done".equals(status(a, location))),
                    "the bulk request was not finished by the surviving instance: " + a.get(location).body() + "\n"
                            + a.log());
            JsonNode job = ServiceProcess.JSON.readTree(a.get(location).body());
            assertEquals(ARTICLES, job.path("done").asInt(), job.toString());
            assertEquals(0, job.path("failed").asInt(), job.toString());
            Map<String, Integer> ranBy = jobsByInstance(db, batch);
            System.out.printf("ScaleOutIT: B killed after %d of %d articles; jobs run by instance: %s%n", doneBefore,
                    ARTICLES, ranBy);
            // each job is done by one instance; the one B held when it died was taken over by A
            assertEquals(ARTICLES, ranBy.values().stream().mapToInt(Integer::intValue).sum(), ranBy.toString());
            assertTrue(ranBy.getOrDefault("scaleout-a", 0) > 0, "the survivor ran no job: " + ranBy);

            // stored once: ids are the primary key, and the listing holds exactly this run's 50
            List<String> stored = storedIds(a, run);
            assertEquals(articleIds(run, ARTICLES), stored, "articles stored");

            // indexed once: Solr holds exactly the database's chunks of each article, no more, no fewer
            Map<String, Integer> chunks = chunksInDatabase(db, run);
            assertEquals(ARTICLES, chunks.size(), "articles with chunks: " + chunks);
            assertTrue(ServiceProcess.eventually(Duration.ofSeconds(30), () -> chunks.equals(chunksInSolr(solr, collection, run))),
                    "Solr's chunks per article differ from the database's:\ndatabase " + chunks + "\nsolr     "
                            + chunksInSolr(solr, collection, run));

            // analysed: every article has its story, and no story waits for its analysis on the surviving instance
            assertEquals(0, count(db, "select count(*) from article where id like ? and story_id is null", run + "-%"),
                    "articles without a story");
            assertTrue(ServiceProcess.eventually(Duration.ofSeconds(60),
                    () -> a.readinessCheck("story-analysis").path("data").path("storiesPending").asInt(-1) == 0),
                    "stories still pending: " + a.readinessCheck("story-analysis"));
            assertFalse(a.log().contains("measure_pkey"), "a measure was written twice:\n" + a.log());

            // the killed instance comes back and answers as the survivor does
            b.start();
            String question = "How many buses does the council of " + "Varnholm" + " budget fund?";
            String search = "/api/search?q=" + URLEncoder.encode(question, StandardCharsets.UTF_8) + "&k=10";
            assertEquals(resultIds(a.get(search).body()), resultIds(b.get(search).body()), "search results of A and B");
            HttpResponse<String> chatA = a.postJson("/api/chat", Map.of("question", question));
            HttpResponse<String> chatB = b.postJson("/api/chat", Map.of("question", question));
            assertEquals(200, chatA.statusCode(), chatA.body());
            assertEquals(200, chatB.statusCode(), chatB.body());
            JsonNode answerA = ServiceProcess.JSON.readTree(chatA.body());
            JsonNode answerB = ServiceProcess.JSON.readTree(chatB.body());
            assertFalse(answerA.path("citations").isEmpty(), chatA.body());
            assertEquals(citedArticles(answerA), citedArticles(answerB), "citations of A and B");
            assertEquals(answerA.path("answer").asText(), answerB.path("answer").asText(), "answers of A and B");
        }
    }

    /**
     * Ingestion throughput: the same number of articles (-Dcrosscheck.scaleout.articles, default 50) through the bulk
     * endpoint with one instance, then with two, each on a fresh database and collection; prints articles per second
     * and the jobs each instance ran.
     */
    @Test
    void ingestionThroughputWithOneAndTwoInstances() throws Exception {
        assumeTrue(Boolean.getBoolean("crosscheck.scaleout.benchmark"),
                "a benchmark: run with -Dcrosscheck.scaleout.benchmark=true");
        assumeTrue(ServiceProcess.builtForPostgresql(), "two instances need the jar built for PostgreSQL");
        int n = Integer.getInteger("crosscheck.scaleout.articles", ARTICLES);
        try (SolrCloudProcess solr = SolrCloudProcess.start(2)) {
            for (int instances = 1; instances <= 2; instances++) {
                String url = freshDatabase();
                String run = FaultArticles.run();
                String collection = "scaleout_" + run.substring(3);
                List<ServiceProcess> services = new ArrayList<>();
                try (Connection db = connect(url)) {
                    for (int i = 0; i < instances; i++) {
                        services.add(instance(url, solr, collection, "bench-" + instances + "-" + (char) ('a' + i)).start());
                    }
                    solr.awaitCollection(collection, 2, 2);
                    double load = loadAverage();
                    long started = System.nanoTime();
                    HttpResponse<String> accepted = services.get(0).postJson("/api/articles/bulk", articles(run, n));
                    assertEquals(202, accepted.statusCode(), accepted.body());
                    String location = accepted.headers().firstValue("Location").orElseThrow();
                    ServiceProcess first = services.get(0);
                    assertTrue(ServiceProcess.eventually(Duration.ofMinutes(10), () -> "done".equals(status(first, location))),
                            first.get(location).body());
                    double seconds = (System.nanoTime() - started) / 1e9;
                    long batch = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
                    System.out.printf("SCALE-OUT instances=%d articles=%d seconds=%.1f articles/s=%.2f jobs=%s "
                            + "load-before=%.2f load-after=%.2f%n", instances, n, seconds, n / seconds,
                            jobsByInstance(db, batch), load, loadAverage());
                } finally {
                    for (ServiceProcess service : services) {
                        service.close();
                    }
                }
            }
        }
    }

    private ServiceProcess instance(String url, SolrCloudProcess solr, String collection, String id) throws Exception {
        Path home = Files.createDirectories(dir.resolve(id));
        return new ServiceProcess(home, Map.ofEntries(
                Map.entry("quarkus.datasource.jdbc.url", url),
                Map.entry("crosscheck.instance-id", id),
                Map.entry("crosscheck.search.engine", "solr"),
                Map.entry("crosscheck.search.solr.urls", String.join(",", solr.urls())),
                Map.entry("crosscheck.search.solr.collection", collection),
                Map.entry("crosscheck.search.solr.shards", "2"),
                Map.entry("crosscheck.search.solr.replicas", "2"),
                Map.entry("crosscheck.jobs.lease", LEASE),
                Map.entry("crosscheck.analysis.lease", LEASE),
                Map.entry("crosscheck.rate-limit.enabled", "false"),
                Map.entry("quarkus.log.console.level", "INFO")));
    }

    /**
     * As root (CI), a database of this test's own, empty, owned by the build's role; otherwise the build's database.
     */
    private static String freshDatabase() throws Exception {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        assumeTrue(url != null, "QUARKUS_DATASOURCE_JDBC_URL names the PostgreSQL database");
        if (!ServiceProcess.root()) {
            return url;
        }
        String role = System.getenv("QUARKUS_DATASOURCE_USERNAME");
        psql("drop database if exists " + DATABASE + " with (force)");
        psql("create database " + DATABASE + " owner \"" + role + "\"");
        return url.replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE + "$1");
    }

    private static void psql(String sql) throws Exception {
        Process psql = new ProcessBuilder("runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-c", sql).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, psql.waitFor(), sql + ": " + out);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, System.getenv("QUARKUS_DATASOURCE_USERNAME"),
                System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
    }

    private static List<Map<String, Object>> articles(String run, int n) {
        List<Map<String, Object>> articles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            articles.add(FaultArticles.article(run, i));
        }
        return articles;
    }

    private static List<String> articleIds(String run, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(FaultArticles.id(run, i));
        }
        return ids.stream().sorted().toList();
    }

    private static List<String> storedIds(ServiceProcess service, String run) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonNode items = ServiceProcess.JSON.readTree(service.get("/api/articles?size=200&page=" + page).body())
                    .path("items");
            for (JsonNode item : items) {
                if (item.path("id").asText().startsWith(run + "-")) {
                    ids.add(item.path("id").asText());
                }
            }
            if (items.size() < 200) {
                return ids.stream().sorted().toList();
            }
        }
    }

    private static int done(ServiceProcess service, String location) throws Exception {
        return ServiceProcess.JSON.readTree(service.get(location).body()).path("done").asInt();
    }

    private static String status(ServiceProcess service, String location) throws Exception {
        return ServiceProcess.JSON.readTree(service.get(location).body()).path("status").asText();
    }

    private static long count(Connection db, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Map<String, Integer> jobsByInstance(Connection db, long batch) throws SQLException {
        Map<String, Integer> ran = new TreeMap<>();
        try (PreparedStatement statement = db.prepareStatement(
                "select lease_owner, count(*) from job where batch_id = ? group by lease_owner")) {
            statement.setLong(1, batch);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ran.put(String.valueOf(rows.getString(1)), rows.getInt(2));
                }
            }
        }
        return ran;
    }

    private static Map<String, Integer> chunksInDatabase(Connection db, String run) throws SQLException {
        Map<String, Integer> chunks = new TreeMap<>();
        try (PreparedStatement statement = db.prepareStatement(
                "select article_id, count(*) from chunk where article_id like ? group by article_id")) {
            statement.setString(1, run + "-%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    chunks.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return chunks;
    }

    /** Chunk documents per article in the collection, counted by a facet over every shard. */
    private Map<String, Integer> chunksInSolr(SolrCloudProcess solr, String collection, String run) throws Exception {
        String query = solr.urls().get(0) + "/" + collection + "/select?rows=0&facet=true&facet.limit=-1&facet.mincount=1"
                + "&facet.field=article_id&q=" + URLEncoder.encode("article_id:" + run + "-*", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode counts = ServiceProcess.JSON.readTree(response.body()).path("facet_counts").path("facet_fields")
                .path("article_id");
        Map<String, Integer> chunks = new TreeMap<>();
        for (int i = 0; i + 1 < counts.size(); i += 2) {
            chunks.put(counts.get(i).asText(), counts.get(i + 1).asInt());
        }
        return chunks;
    }

    private static List<String> resultIds(String body) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode result : ServiceProcess.JSON.readTree(body).path("results")) {
            ids.add(result.path("articleId").asText() + "#" + result.path("chunkId").asText());
        }
        assertFalse(ids.isEmpty(), body);
        return ids;
    }

    private static List<String> citedArticles(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("citations").forEach(citation -> ids.add(citation.path("articleId").asText()));
        return ids;
    }

    private static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
