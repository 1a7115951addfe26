package io.crosscheck.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.Figure;
import io.crosscheck.jobs.Job;
import io.crosscheck.text.Hashes;
import io.crosscheck.text.TextCleaner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Articles that older cleaning rules produced: the corpus file met again at start is not a failed file, and the
 * background upgrade cleans the article again through the ingest flow (chunks, figures, search index).
 */
@QuarkusTest
class CleaningUpgradeTest {

    private static final String BUNDLED = "004_910e0e496c3bfacc";

    @Inject
    CorpusService corpus;

    @Inject
    CleaningUpgrade cleaning;

    @Test
    void aBundledArticleCleanedByOlderRulesIsNotAFailedFileAndIsCleanedAgainFromItsFile() {
        String current = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(BUNDLED).text);
        // what version 1 stored: the table row rewritten
        String older = current.replace("Casualties | 300 North Korean soldiers killed", "Casualties: 300 North Korean soldiers killed");
        assertFalse(older.equals(current), "the seed has the table row");
        makeStale(BUNDLED, older, null);
        // as on the first start after an upgrade from a version without jobs: the corpus files are met again
        QuarkusTransaction.requiringNew().run(() -> Job.delete("kind = ?1 and key like 'bundled/%'", ArticleJobHandler.KIND));

        corpus.ingestAll();

        assertEquals(0, corpus.progress().failed(), "a stale copy of a bundled file is no failure");
        Article met = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(BUNDLED));
        assertEquals(older, met.text, "start-up ingestion never cleans again itself");
        assertNotNull(met.source, "the file gave the stale copy its source");

        cleaning.cleanAll();

        Article upgraded = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(BUNDLED));
        assertEquals(current, upgraded.text);
        assertEquals(TextCleaner.VERSION, upgraded.cleanerVersion);
        assertEquals(Hashes.sha256Hex(current), upgraded.contentHash);
        assertEquals(0, cleaning.remaining());
        List<String> sentences = QuarkusTransaction.requiringNew().call(() -> Figure.<Figure> list("article.id", BUNDLED)
                .stream().map(f -> f.sentence).toList());
        assertTrue(sentences.stream().anyMatch(s -> s.startsWith("Casualties | 300")), "figures extracted again: " + sentences);
        assertFalse(sentences.stream().anyMatch(s -> s.contains("Casualties: 300")));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Chunk.listByArticle(BUNDLED).stream()
                .anyMatch(c -> c.text.contains("Casualties | 300"))), "chunked again");
        List<String> hits = given().queryParam("q", "Casualties 300 North Korean soldiers killed 2,700 injured").queryParam("k", 10)
                .get("/api/search").then().statusCode(200).extract().path("results.text");
        assertTrue(hits.stream().anyMatch(t -> t.contains("Casualties | 300")), "indexed again: " + hits);
        assertFalse(hits.stream().anyMatch(t -> t.contains("Casualties: 300")), "the old chunks left the index");
    }

    @Test
    void anUploadWhoseTextTheNewRulesKeepOnlyGainsItsVersionAndATitle() {
        String id = "upgrade-title-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("id", id, "text",
                "Lighthouse keeper retires after 40 years\n\nThe keeper of Dunmore light retired on Friday after 40 years."))
                .post("/api/articles").then().statusCode(201).body("title", org.hamcrest.Matchers.equalTo(
                        "Lighthouse keeper retires after 40 years"));
        String text = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(id).text);
        makeStale(id, text, null);
        QuarkusTransaction.requiringNew().run(() -> Article.<Article> findById(id).title = null);
        List<Long> chunkIds = chunkIds(id);

        cleaning.cleanAll();

        Article upgraded = QuarkusTransaction.requiringNew().call(() -> Article.<Article> findById(id));
        assertEquals(TextCleaner.VERSION, upgraded.cleanerVersion);
        assertEquals("Lighthouse keeper retires after 40 years", upgraded.title, "the title the text now states");
        assertEquals(chunkIds, chunkIds(id), "the same text is not chunked again");
        given().delete("/api/articles/" + id).then().statusCode(204);
    }

    private static void makeStale(String id, String text, String source) {
        QuarkusTransaction.requiringNew().run(() -> {
            Article article = Article.findById(id);
            article.text = text;
            article.contentHash = Hashes.sha256Hex(text);
            article.cleanerVersion = 1;
            article.source = source;
            article.sourceFormat = null;
        });
    }

    private static List<Long> chunkIds(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Chunk.listByArticle(id).stream().map(c -> c.id).toList());
    }
}
