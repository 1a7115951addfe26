package io.crosscheck.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * CSRF as a browser does it: a page of another origin (127.0.0.1 on another port, while the service is localhost)
 * sends a no-cors text/plain POST, which needs no preflight, to replace a bundled article. The loopback rule alone
 * would let it through: the browser runs on the service's machine.
 */
@QuarkusTest
class CrossOriginPageTest {

    static final String ARTICLE = "000_ba596d50097fc4ee";

    @TestHTTPResource("/")
    URL service;

    HttpServer attacker;
    HeadlessChromium browser;

    @BeforeEach
    void start() throws IOException {
        HeadlessChromium.assumeInstalled();
        String target = service.toString() + "api/articles?id=" + ARTICLE + "&replace=true&title=Forged";
        String page = """
                <!DOCTYPE html><title>waiting</title><script>
                fetch('%s', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' },
                  body: 'Forged: the ministry now says no soldiers were killed at all, officials said on Monday.' })
                  .finally(() => { document.title = 'sent'; });
                </script>""".formatted(target);
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    @Test
    void aPageOfAnotherOriginCannotReplaceAnArticle() {
        String before = given().get("/api/articles/" + ARTICLE).then().statusCode(200).extract().path("text");

        browser.driver.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
        browser.waiting(Duration.ofSeconds(30)).until(d -> "sent".equals(d.getTitle()));

        String after = given().get("/api/articles/" + ARTICLE).then().statusCode(200).extract().path("text");
        assertEquals(before, after, "the article was replaced by a page of another origin");
    }
}
