package io.crosscheck.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.crosscheck.security.SecuredProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With reads closed the page asks for an API key, asks again after a refusal, and keeps it for the tab. The page's
 * first requests (the corpus size) are the ones that need it: a second application start in the test JVM cannot embed
 * a question (the model's native library loads once per JVM), so no question is asked here.
 */
@QuarkusTest
@TestProfile(SecuredProfile.class)
class ApiKeyPageTest {

    @TestHTTPResource("/")
    URL page;

    HeadlessChromium browser;

    @BeforeEach
    void openBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void thePageAsksForAKeyKeepsItForTheSessionAndSendsItAsBearer() {
        var driver = browser.driver;
        driver.get(page.toString());

        enterKey("not-a-key");
        browser.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("key-hint")).getText().contains("not accepted"));
        enterKey(SecuredProfile.READER_KEY);

        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("corpus-status"), "articles"));
        assertEquals(SecuredProfile.READER_KEY, browser.script("return sessionStorage.getItem('crosscheck.apiKey')"));

        assertEquals(Boolean.FALSE, browser.script("return document.getElementById('key-dialog').open"));

        driver.navigate().refresh();
        browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("corpus-status"), "articles"));
        assertEquals(Boolean.FALSE, browser.script("return document.getElementById('key-dialog').open"),
                "a reload in the same tab does not ask again");
    }

    private void enterKey(String key) {
        WebElement input = browser.waiting(Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
        input.clear();
        input.sendKeys(key);
        browser.driver.findElement(By.id("key-submit")).click();
    }
}
