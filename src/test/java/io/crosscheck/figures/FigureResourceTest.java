package io.crosscheck.figures;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class FigureResourceTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> measures() {
        return given().get("/api/conflicts").then().statusCode(200).extract().path("items");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> articles(Map<String, Object> measure) {
        return ((List<Map<String, Object>>) measure.get("figures")).stream().map(f -> (String) f.get("articleId"))
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> measureWith(String labelPattern, int minArticles) {
        return measures().stream().filter(m -> ((String) m.get("label")).matches(labelPattern))
                .filter(m -> articles(m).size() >= minArticles).findFirst()
                .orElseThrow(() -> new AssertionError("no measure like " + labelPattern + " with " + minArticles
                        + " articles in " + measures().stream().map(m -> m.get("label") + "=" + articles(m)).toList()));
    }

    @Test
    void casualtiesAreAConflictAcrossFourArticles() {
        Map<String, Object> casualties = measureWith("(?i).*(killed|dead|died).*(wounded|injured).*|(?i).*casualt.*", 4);
        assertEquals("conflict", casualties.get("status"), casualties.toString());
    }

    @Test
    void troopsDeployedAreBroadlyConsistentAcrossAllFiveArticles() {
        Map<String, Object> troops = measureWith("(?i).*(deployed|sent|dispatched).*", 5);
        assertEquals("consistent", troops.get("status"), troops.toString());
    }

    @Test
    void absenceIsAConflict() {
        Map<String, Object> absence = measureWith("(?i).*(absen|how long|withdraw|not seen).*", 3);
        assertEquals("conflict", absence.get("status"), absence.toString());
    }

    @Test
    void aMeasureCanBeFetchedAloneAndUnknownOnesAre404() {
        String id = (String) measures().get(0).get("measureId");
        given().get("/api/conflicts/" + id).then().statusCode(200).body("measureId", equalTo(id));
        given().get("/api/conflicts/no-such-measure").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/figures?measure=" + id).then().statusCode(200).body("items", not(empty()))
                .body("items.measureId", org.hamcrest.Matchers.everyItem(equalTo(id)));
    }

    @Test
    void figuresAreVerbatimAndGoWithTheirArticle() {
        String text = "Harbour strike ends\n\nAbout 1,200 dock workers returned to work on Monday, the union said. "
                + "The port authority said the strike had cost at least 40 million euros.";
        given().contentType(ContentType.JSON).body(Map.of("id", "harbour-strike", "text", text)).post("/api/articles").then()
                .statusCode(201);
        List<Map<String, Object>> figures = given().get("/api/figures?articleId=harbour-strike").then().statusCode(200)
                .body("items", not(empty())).extract().path("items");
        String stored = given().get("/api/articles/harbour-strike").then().extract().path("text");
        for (Map<String, Object> figure : figures) {
            assertTrue(stored.contains((String) figure.get("span")), figure.toString());
            assertTrue(stored.contains((String) figure.get("sentence")), figure.toString());
        }
        assertTrue(figures.stream().anyMatch(f -> "the union".equalsIgnoreCase((String) f.get("attribution"))
                || "union".equalsIgnoreCase((String) f.get("attribution"))), figures.toString());
        given().delete("/api/articles/harbour-strike").then().statusCode(204);
        given().get("/api/figures?articleId=harbour-strike").then().statusCode(200).body("items", empty()).body("total", equalTo(0));
    }
}
