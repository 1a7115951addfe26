package io.crosscheck.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    /** The root of the management interface (its /q/), on its own free port in tests. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void livenessAndReadinessAreUpOnTheManagementPort() {
        given().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("search-index"))
                .body("checks.find { it.name == 'search-index' }.data.corpus", equalTo("done"));
    }

    @Test
    void metricsArePublishedForPrometheusOnTheManagementPort() {
        given().get("/api/search?q=troops").then().statusCode(200);
        given().get(management + "metrics").then().statusCode(200).body(containsString("crosscheck_search_seconds"));
    }

    @Test
    void openApiAndSwaggerUiAreOnTheManagementPort() {
        given().get(management + "openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/articles"));
        given().get(management + "swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/q/health", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/swagger-ui" })
    void operationsAreNotServedOnThePublicPort(String path) {
        given().redirects().follow(false).get(path).then().statusCode(404);
    }

    @Test
    void thePageIsServedWithASecurityPolicyAndRevalidated() {
        given().get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", not(containsString("immutable")));
        given().get("/app.js").then().statusCode(200)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Cache-Control", not(containsString("immutable")));
    }

    @Test
    void apiResponsesCarryTheSameHeaders() {
        given().get("/api/search?q=troops").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().get("/api/articles/none").then().statusCode(404)
                .header("Content-Security-Policy", not(nullValue()))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }
}
