package io.crosscheck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The embedded database (H2, the default) on a disk that fills up, and in a file that is read-only: writes are refused
 * with 503 and Retry-After and never acknowledged, reads and chat go on, readiness and a gauge say why, and the
 * service takes writes again once the cause is gone, without a restart. Runs the packaged service with its default
 * JDBC URL in a working directory whose {@code data} is a small tmpfs; needs root for the mount and for
 * {@code chattr +i} (CI runs as root, where {@code chmod} would not stop a write).
 */
class EmbeddedDatabaseFaultsIT {

    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Path data;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        assumeFalse(ServiceProcess.builtForPostgresql(), "the embedded database's faults: the jar is built for PostgreSQL");
        assumeTrue(ServiceProcess.root(), "mounting a tmpfs and chattr +i need root");
        data = Files.createDirectories(dir.resolve("data"));
        assumeTrue(sh("mount -t tmpfs -o size=64m crosscheck-it " + data) == 0, "cannot mount a tmpfs here");
    }

    @AfterEach
    void unmount() throws Exception {
        if (data != null) {
            sh("chattr -i " + data + "/* 2>/dev/null; umount " + data);
        }
    }

    @Test
    void aFullDiskRefusesWritesKeepsReadsAndRecoversWhenSpaceIsFreed() throws Exception {
        String run = FaultArticles.run();
        try (ServiceProcess service = new ServiceProcess(dir, Map.of()).start()) {
            assertEquals(201, service.postJson("/api/articles", FaultArticles.article(run, 1)).statusCode());

            sh("dd if=/dev/zero of=" + data + "/filler bs=1M 2>/dev/null");
            HttpResponse<String> refused = service.postJson("/api/articles", FaultArticles.article(run, 2));
            assertUnavailable(refused, "disk is full");
            assertEquals(404, service.get("/api/articles/" + FaultArticles.id(run, 2)).statusCode(),
                    "a refused article must not be stored");
            assertFalse(service.get("/api/search?q=" + FaultArticles.marker(run, 2) + "&k=3").body()
                    .contains(FaultArticles.id(run, 2)), "a refused article must not be in the search index");
            assertUnavailable(service.delete("/api/articles/" + FaultArticles.id(run, 1)), "disk is full");

            assertReadsServedAndChatNotStored(service, run, 1);
            JsonNode database = service.readinessCheck("database");
            assertEquals("UP", database.path("status").asText(), database.toString());
            assertEquals("disk-full", database.path("data").path("reason").asText(), database.toString());
            assertEquals(false, database.path("data").path("writable").asBoolean(true), database.toString());
            assertTrue(database.path("data").path("cause").asText().contains("No space left on device"), database.toString());
            assertTrue(service.metrics().contains("crosscheck_database_fault{reason=\"disk-full\"} 1.0"));

            Files.delete(data.resolve("filler"));
            assertTrue(ServiceProcess.eventually(RECOVERY,
                    () -> service.postJson("/api/articles", FaultArticles.article(run, 2)).statusCode() == 201),
                    "writes not taken again after the disk was freed:\n" + service.log());
            assertEquals(200, service.get("/api/articles/" + FaultArticles.id(run, 1)).statusCode(),
                    "the refused delete must not have happened");
            assertTrue(service.readinessCheck("database").path("data").path("writable").asBoolean());
            assertTrue(service.metrics().contains("crosscheck_database_writable 1.0"));
        }
    }

    @Test
    void aReadOnlyDatabaseFileServesReadsRefusesWritesAndRecoversWhenWritable() throws Exception {
        String run = FaultArticles.run();
        ServiceProcess service = new ServiceProcess(dir, Map.of());
        try (service) {
            service.start();
            assertEquals(201, service.postJson("/api/articles", FaultArticles.article(run, 1)).statusCode());
            service.close();

            // CI runs as root, where chmod would not stop a write; an immutable file does
            assertEquals(0, sh("chattr +i " + data + "/crosscheck.mv.db"));
            service.start();
            assertUnavailable(service.postJson("/api/articles", FaultArticles.article(run, 2)), "read-only");
            assertEquals(404, service.get("/api/articles/" + FaultArticles.id(run, 2)).statusCode());
            assertReadsServedAndChatNotStored(service, run, 1);
            JsonNode database = service.readinessCheck("database");
            assertEquals("read-only", database.path("data").path("reason").asText(), database.toString());
            assertTrue(service.metrics().contains("crosscheck_database_fault{reason=\"read-only\"} 1.0"));

            assertEquals(0, sh("chattr -i " + data + "/crosscheck.mv.db"));
            assertTrue(ServiceProcess.eventually(RECOVERY,
                    () -> service.postJson("/api/articles", FaultArticles.article(run, 2)).statusCode() == 201),
                    "writes not taken again after the file became writable:\n" + service.log());
            assertEquals(200, service.get("/api/articles/" + FaultArticles.id(run, 2)).statusCode());
        }
    }

    private static void assertReadsServedAndChatNotStored(ServiceProcess service, String run, int stored) throws Exception {
        assertEquals(200, service.get("/api/articles/" + FaultArticles.id(run, stored)).statusCode(), service.log());
        assertTrue(service.get("/api/search?q=" + FaultArticles.marker(run, stored) + "&k=3").body()
                .contains(FaultArticles.id(run, stored)));
        HttpResponse<String> chat = service.postJson("/api/chat", Map.of("question", "What budget did the council approve?"));
        assertEquals(200, chat.statusCode(), chat.body());
        JsonNode answer = ServiceProcess.JSON.readTree(chat.body());
        assertFalse(answer.path("stored").asBoolean(true), "the chat must say that its turn was not stored: " + chat.body());
        assertFalse(answer.path("answer").asText().isBlank());
    }

    private static void assertUnavailable(HttpResponse<String> response, String reason) throws IOException {
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "no Retry-After");
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = ServiceProcess.JSON.readTree(response.body());
        assertEquals(503, problem.path("status").asInt());
        assertTrue(problem.path("detail").asText().contains(reason), response.body());
    }

    private static int sh(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("bash", "-c", command).inheritIO().start().waitFor();
    }
}
