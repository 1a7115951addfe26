package io.crosscheck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * PostgreSQL stopped and started under the packaged service, then turned read-only and back: 503 with Retry-After and
 * readiness DOWN with the reason while it is away, reads served while it is read-only, and recovery without a restart.
 * Runs on a second cluster of its own, created for the test with Debian's pg_createcluster, so that the suite's
 * database keeps running; needs the jar built for PostgreSQL (CI's PostgreSQL pass) and root.
 */
class PostgresqlOutageIT {

    private static final String CLUSTER = "crosscheck_outage";
    private static final String DATABASE = "crosscheck_outage";
    private static final Duration RECOVERY = Duration.ofSeconds(40);

    @TempDir
    Path dir;
    private String version;
    private int port;

    @BeforeEach
    void createCluster() throws Exception {
        assumeTrue(ServiceProcess.builtForPostgresql(), "a PostgreSQL outage: the jar is built for H2");
        assumeTrue(ServiceProcess.root(), "creating a PostgreSQL cluster needs root");
        Path installed = Path.of("/usr/lib/postgresql");
        assumeTrue(Files.isDirectory(installed) && sh("command -v pg_createcluster") == 0, "no Debian PostgreSQL here");
        try (Stream<Path> versions = Files.list(installed)) {
            version = versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
                    .max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
        port = freePort();
        dropCluster();
        assertEquals(0, sh("pg_createcluster " + version + " " + CLUSTER + " -p " + port + " >/dev/null"));
        cluster("start");
        psql("create role crosscheck_outage login password 'outage'");
        psql("create database " + DATABASE + " owner crosscheck_outage");
    }

    @AfterEach
    void dropCluster() throws Exception {
        if (version != null) {
            sh("pg_dropcluster --stop " + version + " " + CLUSTER + " 2>/dev/null");
        }
    }

    @Test
    void anOutageIs503ThenTheServiceRecoversWithoutRestart() throws Exception {
        String run = FaultArticles.run();
        try (ServiceProcess service = new ServiceProcess(dir, Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/" + DATABASE,
                "quarkus.datasource.username", "crosscheck_outage",
                "quarkus.datasource.password", "outage")).start()) {
            assertEquals(201, service.postJson("/api/articles", FaultArticles.article(run, 1)).statusCode());

            cluster("stop -m fast");
            assertUnavailable(service.postJson("/api/articles", FaultArticles.article(run, 2)), "cannot be reached");
            assertUnavailable(service.get("/api/articles/" + FaultArticles.id(run, 1)), "cannot be reached");
            JsonNode readiness = service.readiness();
            assertEquals("DOWN", readiness.path("status").asText(), readiness.toString());
            JsonNode database = service.readinessCheck("database");
            assertEquals("DOWN", database.path("status").asText());
            assertEquals("unreachable", database.path("data").path("reason").asText(), database.toString());

            cluster("start");
            assertTrue(ServiceProcess.eventually(RECOVERY,
                    () -> service.postJson("/api/articles", FaultArticles.article(run, 2)).statusCode() == 201),
                    "writes not taken again after PostgreSQL came back:\n" + service.log());
            assertEquals(200, service.get("/api/articles/" + FaultArticles.id(run, 1)).statusCode());
            assertEquals("UP", service.readiness().path("status").asText());

            // read-only (as a standby is): reads and chat are served, writes refused, then taken again
            psql("alter database " + DATABASE + " set default_transaction_read_only = on");
            terminateSessions();
            assertTrue(ServiceProcess.eventually(RECOVERY,
                    () -> service.postJson("/api/articles", FaultArticles.article(run, 3)).statusCode() == 503));
            assertTrue(ServiceProcess.eventually(RECOVERY,
                    () -> "read-only".equals(service.readinessCheck("database").path("data").path("reason").asText())),
                    service.readinessCheck("database").toString());
            assertEquals(200, service.get("/api/articles/" + FaultArticles.id(run, 2)).statusCode());
            HttpResponse<String> chat = service.postJson("/api/chat", Map.of("question", "What budget was approved?"));
            assertEquals(200, chat.statusCode(), chat.body());
            assertFalse(ServiceProcess.JSON.readTree(chat.body()).path("stored").asBoolean(true), chat.body());

            psql("alter database " + DATABASE + " reset default_transaction_read_only");
            terminateSessions();
            assertTrue(ServiceProcess.eventually(RECOVERY,
                    () -> service.postJson("/api/articles", FaultArticles.article(run, 3)).statusCode() == 201),
                    "writes not taken again after PostgreSQL became writable:\n" + service.log());
        }
    }

    private void terminateSessions() throws Exception {
        psql("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE
                + "' and pid <> pg_backend_pid()");
    }

    private static void assertUnavailable(HttpResponse<String> response, String reason) throws IOException {
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "no Retry-After");
        JsonNode problem = ServiceProcess.JSON.readTree(response.body());
        assertEquals(503, problem.path("status").asInt(), response.body());
        assertTrue(problem.path("detail").asText().contains(reason), response.body());
    }

    private void cluster(String action) throws Exception {
        assertEquals(0, sh("pg_ctlcluster " + version + " " + CLUSTER + " " + action));
    }

    private void psql(String sql) throws Exception {
        assertEquals(0, sh("cd / && runuser -u postgres -- psql -X -q -p " + port + " -v ON_ERROR_STOP=1 -c \"" + sql
                + "\" >/dev/null"));
    }

    private static int sh(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
