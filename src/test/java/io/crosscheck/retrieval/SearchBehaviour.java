package io.crosscheck.retrieval;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import jakarta.inject.Inject;

/**
 * The search behaviour every engine must show, run by {@link SearchResourceTest} (embedded) and
 * {@link SolrSearchResourceTest} (SolrCloud). Abstract: Quarkus resolves a test instance by its class, and a concrete
 * test class with a test subclass would be ambiguous.
 */
abstract class SearchBehaviour {

    @Inject
    HybridContentRetriever retriever;

    @Test
    void theContentRetrieverCarriesArticleAndOffsets() {
        List<Content> contents = retriever.retrieve(Query.from("How many troops did North Korea send?"));
        assertTrue(!contents.isEmpty());
        Metadata metadata = contents.get(0).textSegment().metadata();
        assertTrue(metadata.getString(HybridContentRetriever.ARTICLE_ID).matches("00[0-4]_[0-9a-f]{16}"));
        assertTrue(metadata.getInteger(HybridContentRetriever.END) > metadata.getInteger(HybridContentRetriever.START));
    }

    @Test
    void casualtyQuestionFindsTheChunksHoldingCasualtyFigures() {
        List<String> texts = given().queryParam("q", "how many north korean soldiers were killed").queryParam("k", 5)
                .get("/api/search").then().statusCode(200)
                .body("results", hasSize(5))
                .body("results[0].rank", equalTo(1))
                .extract().path("results.text");
        String top = String.join("\n", texts);
        assertTrue(top.contains("approximately 300 North Korean soldiers were killed"), top);
        assertTrue(top.contains("4,000 killed and wounded"), top);
        assertTrue(top.contains("300 North Korean soldiers have died") || top.contains("300 North Korean soldiers killed"), top);
    }

    @Test
    void troopQuestionRanksDeploymentFiguresHigh() {
        List<String> top = given().queryParam("q", "How many troops did North Korea send to Russia?").queryParam("k", 3)
                .get("/api/search").then().statusCode(200).extract().path("results.text");
        assertTrue(top.stream().filter(text -> text.matches("(?s).*(10,000|11,000|12,000).*")).count() >= 2, top.toString());
    }

    @Test
    void resultsCarryArticleMetadataAndOffsets() {
        given().queryParam("q", "Kindratenko three weeks").queryParam("k", 1).get("/api/search").then().statusCode(200)
                .body("results[0].articleId", equalTo("001_be9c38db4fa05ed6"))
                .body("results[0].text", containsString("Kindratenko"))
                .body("results[0].lexicalRank", equalTo(1));
    }

    @Test
    void badQueriesGetProblems() {
        given().get("/api/search").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Empty query"));
        given().queryParam("q", "x".repeat(2001)).get("/api/search").then().statusCode(400)
                .body("detail", containsString("2000"));
        given().queryParam("q", "troops").queryParam("k", 0).get("/api/search").then().statusCode(400);
        given().queryParam("q", "troops").queryParam("k", 51).get("/api/search").then().statusCode(400)
                .body("detail", containsString("crosscheck.search.max-k"));
        given().queryParam("q", "the of and").get("/api/search").then().statusCode(200);
    }
}
