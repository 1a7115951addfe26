package io.crosscheck.figures;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.crosscheck.config.CrosscheckConfig;
import io.crosscheck.stories.Story;
import io.crosscheck.stories.StoryService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Two instances sharing one database, simulated by two lease owners in one process: a story one of them analyses is
 * not analysed by the other until the lease expires, a dead owner's story is taken over, the stale owner's analysis
 * is then not written, and a change filed while a story is analysed is analysed afterwards.
 */
@QuarkusTest
class AnalysisLeaseTest {

    private static final String A = "instance-a";
    private static final String B = "instance-b";

    @Inject
    StoryAnalysisService analysis;

    @Inject
    StoryService stories;

    @Inject
    CrosscheckConfig config;

    /** A story with an analysis request that this process's own worker leaves alone (due only in an hour). */
    private long queuedStory(String id, int evacuated) {
        given().contentType(ContentType.JSON).body(Map.of("id", id, "outlet", "Lease Gazette", "text",
                "Officials in the river town said " + evacuated + " residents were evacuated on Tuesday as the levee "
                        + "weakened. Marker " + id + "."))
                .post("/api/articles").then().statusCode(201);
        long story = given().get("/api/articles/" + id).then().statusCode(200).extract().<Number> path("storyId").longValue();
        analysis.drain();
        refile(story);
        return story;
    }

    /** Files a change of the story, as an ingest on any instance would, due only in an hour. */
    private void refile(long story) {
        QuarkusTransaction.requiringNew().run(() -> {
            stories.reanalyse(List.of(story));
            AnalysisRequest.update("notBefore = ?1 where storyId = ?2", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1), story);
        });
    }

    private static Optional<AnalysisRequest> request(long story) {
        return QuarkusTransaction.requiringNew().call(() -> AnalysisRequest.<AnalysisRequest> findByIdOptional(story));
    }

    private static OffsetDateTime analysedAt(long story) {
        return QuarkusTransaction.requiringNew().call(() -> Story.<Story> findById(story).analysedAt);
    }

    @Test
    void aStoryHeldByOneInstanceIsTakenByAnotherOnlyOnceTheLeaseHasExpired() {
        long story = queuedStory("lease-test-held", 340);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        assertEquals(A, analysis.claim(story, A, now).orElseThrow().leaseOwner);
        assertTrue(analysis.claim(story, B, now.plus(config.analysis().lease()).minusSeconds(1)).isEmpty(),
                "B may not take a story A holds");

        // A died: past its lease, B takes the story over and analyses it
        AnalysisRequest taken = analysis.claim(story, B, now.plus(config.analysis().lease()).plusSeconds(1)).orElseThrow();
        assertEquals(B, taken.leaseOwner);
        assertTrue(analysis.analyse(taken, B));
        assertTrue(request(story).isEmpty(), "the analysed request is done");
    }

    @Test
    void anInstanceWhoseStoryWasTakenOverDoesNotWriteItsAnalysis() {
        long story = queuedStory("lease-test-stalled", 410);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AnalysisRequest heldByA = analysis.claim(story, A, now).orElseThrow();
        AnalysisRequest heldByB = analysis.claim(story, B, now.plus(config.analysis().lease()).plusSeconds(1)).orElseThrow();
        OffsetDateTime before = analysedAt(story);

        // A was only stalled, and finishes after B took over: its analysis is dropped, B's is written
        assertFalse(analysis.analyse(heldByA, A));
        assertEquals(before, analysedAt(story));
        assertEquals(B, request(story).orElseThrow().leaseOwner);
        assertTrue(analysis.analyse(heldByB, B));
        assertTrue(analysedAt(story).isAfter(before));
        assertTrue(request(story).isEmpty());
    }

    @Test
    void anInstanceShuttingDownGivesItsStoriesBackAtOnce() {
        long story = queuedStory("lease-test-shutdown", 190);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        AnalysisRequest heldByA = analysis.claim(story, A, now).orElseThrow();

        analysis.release(A);
        AnalysisRequest heldByB = analysis.claim(story, B, now).orElseThrow(() -> new AssertionError("B waited for A's lease"));
        assertFalse(analysis.analyse(heldByA, A), "an analysis A finishes after its shutdown is not written");
        assertTrue(analysis.analyse(heldByB, B));
        assertTrue(request(story).isEmpty());
    }

    @Test
    void aChangeFiledWhileAStoryIsAnalysedIsAnalysedAfterIt() {
        long story = queuedStory("lease-test-refiled", 275);
        AnalysisRequest heldByA = analysis.claim(story, A, OffsetDateTime.now(ZoneOffset.UTC)).orElseThrow();
        refile(story);

        assertTrue(analysis.analyse(heldByA, A));
        AnalysisRequest left = request(story).orElseThrow(() -> new AssertionError("the later change was lost"));
        assertNull(left.leaseOwner, "A gives the story back once done");
        assertTrue(left.requestedAt.isAfter(heldByA.requestedAt));

        // any instance takes it at once, without waiting for A's lease
        AnalysisRequest heldByB = analysis.claim(story, B, OffsetDateTime.now(ZoneOffset.UTC)).orElseThrow();
        assertTrue(analysis.analyse(heldByB, B));
        assertTrue(request(story).isEmpty());
    }

    @Test
    void ofInstancesTakingOneStoryAtTheSameMomentExactlyOneGetsIt() throws Exception {
        long story = queuedStory("lease-test-race", 520);
        int claimers = 4;
        for (int round = 0; round < 5; round++) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).plus(config.analysis().lease().multipliedBy(2L * round + 1));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(claimers);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < claimers; i++) {
                    String owner = "instance-" + round + "-" + i;
                    Callable<Boolean> claim = () -> {
                        start.await();
                        return analysis.claim(story, owner, now).isPresent();
                    };
                    results.add(pool.submit(claim));
                }
                start.countDown();
                int taken = 0;
                for (Future<Boolean> result : results) {
                    taken += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, taken, "round " + round);
            } finally {
                pool.shutdownNow();
            }
        }
        String holder = request(story).orElseThrow().leaseOwner;
        AnalysisRequest held = analysis.claim(story, holder, OffsetDateTime.now(ZoneOffset.UTC)).orElseThrow();
        assertTrue(analysis.analyse(held, holder));
        assertTrue(request(story).isEmpty());
    }
}
