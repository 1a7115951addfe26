package io.crosscheck.embedding;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import io.crosscheck.figures.StoryAnalysisService;
import io.crosscheck.ingest.Article;
import io.crosscheck.ingest.Chunk;
import io.crosscheck.ingest.EmbeddingUpgrade;
import io.crosscheck.stories.ArticleProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/**
 * Embeddings from an OpenAI-compatible server (a local fake), with answers left extractive. On a database of its own:
 * the next test's service, back on the in-process model, would otherwise find every chunk of another model and
 * embed them all again in the background while it is tested. Skipped on a build for another database, which every
 * test shares.
 */
@QuarkusTest
@TestProfile(ServerEmbeddingTest.OwnDatabase.class)
@QuarkusTestResource(value = FakeEmbeddingServer.class, restrictToAnnotatedClass = true)
@DisabledIfEnvironmentVariable(named = "QUARKUS_DATASOURCE_JDBC_URL", matches = ".+")
class ServerEmbeddingTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:server-embeddings;DB_CLOSE_DELAY=-1");
        }
    }

    private static final String SERVER_MODEL = EmbeddingService.SERVER_PREFIX + FakeEmbeddingServer.MODEL;

    /** The root of the management interface (its /q/). */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    EmbeddingUpgrade upgrade;

    @Inject
    StoryAnalysisService analysis;

    /** A background re-embedding under way (none on a fresh database) is awaited before a test looks. */
    @BeforeEach
    void reembedded() {
        upgrade.reembedAll();
    }

    @AfterEach
    void serverBackUp() {
        FakeEmbeddingServer.up();
    }

    @Test
    void storedChunksCarryTheServerModelAndItsDimension() {
        int before = FakeEmbeddingServer.texts.get();
        String id = given().contentType(ContentType.JSON).body(Map.of("title", "Harbour dredging",
                "text", "The port authority said dredging of the harbour will take 14 weeks. Dredgers arrive on Monday, "
                        + "the authority said, and ships will be diverted to the northern quay."))
                .post("/api/articles").then().statusCode(201).extract().path("id");
        assertTrue(FakeEmbeddingServer.texts.get() > before, "the article was embedded by the server");
        List<Chunk> chunks = QuarkusTransaction.requiringNew().call(() -> Chunk.listByArticle(id));
        assertTrue(!chunks.isEmpty());
        for (Chunk chunk : chunks) {
            assertEquals(SERVER_MODEL, chunk.embeddingModel);
            assertEquals(FakeEmbeddingServer.DIMENSION, EmbeddingService.toVector(chunk.embedding).length);
        }
        long otherModels = QuarkusTransaction.requiringNew().call(() -> Chunk.count("embeddingModel <> ?1", SERVER_MODEL));
        assertEquals(0, otherModels, "the bundled corpus was embedded by the server too");
    }

    @Test
    void readinessNamesTheServerModel() {
        given().get(management + "health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'embeddings' }.data.model", equalTo(SERVER_MODEL))
                .body("checks.find { it.name == 'embeddings' }.data.reembedding", equalTo("done"));
    }

    @Test
    void searchEmbedsTheQueryOnTheServer() {
        int before = FakeEmbeddingServer.requests.get();
        given().queryParam("q", "how many North Korean soldiers were killed").queryParam("k", 3).get("/api/search")
                .then().statusCode(200).body("results.size()", equalTo(3))
                .body("results[0].denseRank", notNullValue());
        assertTrue(FakeEmbeddingServer.requests.get() > before, "the query was embedded by the server");
    }

    @Test
    void answersStayExtractiveWithServerEmbeddings() {
        analysis.drain();
        given().contentType(ContentType.JSON).body(Map.of("question", "How many North Korean soldiers have been killed?"))
                .post("/api/chat").then().statusCode(200)
                .body("mode", equalTo("extractive"))
                .body("answer", not(containsString("language model did not answer")));
    }

    @Test
    void aServerThatIsDownMakesIngestionSearchAndChat503Problems() {
        FakeEmbeddingServer.down();
        given().contentType(ContentType.JSON).body(Map.of("text", "The ferry service resumes on 3 March after 6 weeks of repairs."))
                .post("/api/articles").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("title", equalTo("Embedding server unavailable"));
        given().queryParam("q", "ferry repairs").get("/api/search").then().statusCode(503)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("question", "When does the ferry resume?"))
                .post("/api/chat").then().statusCode(503).contentType("application/problem+json");
        FakeEmbeddingServer.up();
        given().queryParam("q", "ferry repairs").get("/api/search").then().statusCode(200);
    }

    @Test
    void chunksOfAnotherModelAreEmbeddedAgainAndSearchable() {
        // what a change of model leaves behind: vectors of another model, of another dimension
        String articleId = "004_910e0e496c3bfacc";
        byte[] other = EmbeddingService.toBytes(new float[384]);
        int changed = QuarkusTransaction.requiringNew().call(() -> Chunk.update(
                "embeddingModel = ?1, embedding = ?2 where article.id = ?3", "bge-small-en-v15-q", other, articleId));
        assertTrue(changed > 0);
        QuarkusTransaction.requiringNew().run(() -> Chunk.getEntityManager().createNativeQuery(
                "update figure_vector set model = 'bge-small-en-v15-q' where article_id = ?1").setParameter(1, articleId)
                .executeUpdate());
        int before = FakeEmbeddingServer.texts.get();

        assertEquals(changed, upgrade.reembedAll());

        assertTrue(FakeEmbeddingServer.texts.get() - before > changed, "the chunks and the figures' texts were embedded");
        assertEquals(0, upgrade.remaining());
        assertEquals(EmbeddingUpgrade.State.DONE, upgrade.state());
        List<Chunk> chunks = QuarkusTransaction.requiringNew().call(() -> Chunk.listByArticle(articleId));
        for (Chunk chunk : chunks) {
            assertEquals(SERVER_MODEL, chunk.embeddingModel);
            assertEquals(FakeEmbeddingServer.DIMENSION, EmbeddingService.toVector(chunk.embedding).length);
        }
        assertEquals(0, upgrade.reembedAll(), "nothing is left to embed again");
        float[] profile = QuarkusTransaction.requiringNew().call(
                () -> EmbeddingService.toVector(Article.<Article> findById(articleId).profileVector));
        assertArrayEquals(ArticleProfile.meanOf(chunks.stream().map(c -> EmbeddingService.toVector(c.embedding)).toList()),
                profile, 1e-6f, "the article's story vector follows its new chunk vectors");
        List<?> figureModels = QuarkusTransaction.requiringNew().call(() -> Chunk.getEntityManager().createNativeQuery(
                "select distinct model from figure_vector where article_id = ?1").setParameter(1, articleId).getResultList());
        assertEquals(List.of(SERVER_MODEL), figureModels, "the figures' vectors follow too");
        analysis.drain();
        String text = chunks.get(0).text;
        given().queryParam("q", text.substring(0, Math.min(200, text.length()))).queryParam("k", 1).get("/api/search")
                .then().statusCode(200).body("results[0].articleId", equalTo(articleId));
    }
}
