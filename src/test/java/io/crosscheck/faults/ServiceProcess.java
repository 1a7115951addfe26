package io.crosscheck.faults;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged service (target/quarkus-app, built by {@code ./mvnw verify} before the *IT tests run) as a child process
 * in its own working directory, so that its embedded database lives in {@code <dir>/data} as on a laptop. Talks to it
 * over real HTTP; {@link #kill()} is a real {@code kill -9}.
 */
final class ServiceProcess implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;
    private final Map<String, String> properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port = freePort();
    private final int managementPort = freePort();
    private Process process;
    private int starts;

    ServiceProcess(Path dir, Map<String, String> properties) {
        this.dir = dir;
        this.properties = new LinkedHashMap<>(properties);
    }

    /** The jar under test; the tests are skipped, saying why, when it has not been built. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("crosscheck.it.jar", "target/quarkus-app/quarkus-run.jar"));
        assumeTrue(Files.isRegularFile(jar), "the packaged service is needed: run ./mvnw verify (not found: " + jar + ")");
        return jar;
    }

    /** The database the jar was built for: tests run with the build's environment, as CI's PostgreSQL pass does. */
    static boolean builtForPostgresql() {
        return "postgresql".equals(System.getenv("QUARKUS_DATASOURCE_DB_KIND"));
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    ServiceProcess start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.port=" + managementPort);
        // no demo corpus: each test writes the articles it checks
        command.add("-Dcrosscheck.corpus.bundled=false");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        starts++;
        Path log = logFile();
        process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited at start:\n" + tail(log));
            }
            try {
                if (get("/api/articles?size=1").statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not start within " + START_TIMEOUT + ":\n" + tail(log));
    }

    /** kill -9: no shutdown hook, no flush, as when the machine loses power or the OOM killer strikes. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    HttpResponse<String> postJson(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** The readiness document, from the management interface. */
    JsonNode readiness() throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(managementUri("/q/health/ready")).GET()).body());
    }

    /** The named readiness check. */
    JsonNode readinessCheck(String name) throws IOException, InterruptedException {
        for (JsonNode check : readiness().path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no readiness check named " + name + " in " + readiness());
    }

    /** Prometheus text of the metrics, from the management interface. */
    String metrics() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(managementUri("/q/metrics")).GET()).body();
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    static boolean eventually(Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (condition.holds()) {
                return true;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return condition.holds();
    }

    @FunctionalInterface
    interface Check {
        boolean holds() throws Exception;
    }

    String log() throws IOException {
        return tail(logFile());
    }

    /** Kept under target/it-logs after the test's directory is gone, one file per start. */
    private Path logFile() throws IOException {
        return Files.createDirectories(Path.of("target", "it-logs")).resolve(dir.getFileName() + "-" + starts + ".log");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
