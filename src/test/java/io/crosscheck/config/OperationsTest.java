package io.crosscheck.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    @Test
    void livenessAndReadinessAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("search-index"))
                .body("checks.find { it.name == 'search-index' }.data.corpus", equalTo("done"));
    }

    @Test
    void metricsArePublishedForPrometheus() {
        given().get("/api/search?q=troops").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("crosscheck_search_seconds"));
    }

    @Test
    void openApiDescribesTheApi() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/articles"));
    }
}
