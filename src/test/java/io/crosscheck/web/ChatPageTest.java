package io.crosscheck.web;

import jakarta.inject.Inject;
import io.crosscheck.figures.StoryAnalysisService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The chat page end to end: headless Chromium asks a seed question of the running service and reads what the page
 * renders. Skipped when chromium is not installed.
 */
@QuarkusTest
class ChatPageTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    static final String QUESTION = "How many North Korean soldiers have been killed?";
    static final Path SCREENSHOT = Path.of("docs/images/chat-page.png");
    static final Path PHONE_SCREENSHOT = Path.of("docs/images/chat-page-phone.png");

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
    void seedQuestionShowsCitedAnswerAndConflictingFiguresBySource() throws IOException {
        var driver = browser.driver;
        browser.viewport(1280, 1000, false);
        driver.get(page.toString());

        WebElement question = browser.waiting(Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.id("question")));
        question.sendKeys(QUESTION);
        question.sendKeys(Keys.ENTER);

        // the first question of a fresh service also warms the embedding model
        browser.waiting(Duration.ofSeconds(90)).until(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer .source-list")),
                ExpectedConditions.presenceOfElementLocated(By.cssSelector(".answer-error"))));
        assertTrue(driver.findElements(By.cssSelector(".answer-error")).isEmpty(),
                () -> "the page shows an error: " + driver.findElement(By.cssSelector(".answer-error")).getText());
        assertFalse(driver.findElements(By.cssSelector(".answer-text .cite")).isEmpty(), "the answer cites its sources");

        assertEquals(List.of(), browser.unfilledValues(), "no value the page failed to fill");
        List<String> listed = driver.findElements(By.cssSelector(".source-list .source")).stream()
                .map(source -> source.getDomAttribute("data-article-id")).toList();
        assertEquals(Set.copyOf(listed).size(), listed.size(), "one Sources entry per article: " + listed);
        assertEquals(driver.findElements(By.cssSelector(".answer-text .cite")).stream().map(cite -> cite.getDomAttribute("data-n"))
                .collect(Collectors.toSet()).size(), driver.findElements(By.cssSelector(".source-passage")).size(),
                "each cited passage listed once under its article");

        // the derived figures are hidden until asked for; the checks below count every figure of the card
        List<WebElement> toggles = driver.findElements(By.cssSelector(".derived-toggle"));
        toggles.forEach(toggle -> toggle.sendKeys(Keys.ENTER));
        WebElement card = conflictCardWithMostSources(driver.findElements(By.cssSelector(".conflict-card")));
        List<WebElement> rows = card.findElements(By.cssSelector(".figure-row"));
        Set<String> articles = articles(card);
        assertTrue(rows.size() >= 4, "a measure card shows at least four distinct figures, found " + rows.size());
        assertTrue(articles.size() >= 4, "the figures come from at least four articles, found " + articles);
        assertEquals("conflict", card.getDomAttribute("data-status"), "the casualty figures are shown as a conflict");
        for (WebElement row : rows) {
            assertFalse(row.findElement(By.cssSelector(".figure-verbatim")).getText().isBlank(),
                    "every figure row shows its verbatim value");
            assertFalse(row.findElements(By.cssSelector(".cite")).isEmpty(), "every figure row links to its quote");
        }
        assertFalse(card.findElements(By.cssSelector("svg.track")).isEmpty(), "the card draws its figures as a chart");
        toggles.forEach(toggle -> toggle.sendKeys(Keys.ENTER));
        assertTrue(driver.findElements(By.cssSelector(".figure-row.is-derived")).isEmpty(), "derived figures hidden again");

        WebElement marker = driver.findElement(By.cssSelector(".answer-text .cite"));
        String n = marker.getDomAttribute("data-n");
        browser.script("arguments[0].scrollIntoView({block: 'center'})", marker);
        marker.click();
        WebElement popover = browser.waiting(Duration.ofSeconds(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("citation-popover")));
        String quoted = popover.findElement(By.id("popover-quote")).getText();
        String passage = (String) browser.script(
                "return document.querySelector(`.source-passage[data-n=\"${arguments[0]}\"] summary`).lastChild.textContent", n);
        assertFalse(quoted.isBlank(), "the popover shows the quoted passage");
        assertEquals(passage.strip(), quoted.strip(), "the popover quotes source " + n);
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOf(popover));
        assertEquals(marker, driver.switchTo().activeElement(), "Escape returns focus to the citation marker");

        browser.viewport(375, 812, true);
        browser.waiting(Duration.ofSeconds(5)).until(d -> Long.valueOf(375).equals(browser.script("return window.innerWidth")));
        int overflow = browser.horizontalOverflow();
        assertTrue(overflow <= 0, "no horizontal scrolling on a 375 px phone, overflow " + overflow + " px");
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0)");
        long phoneHeight = ((Number) browser.script("return document.documentElement.scrollHeight")).longValue();
        browser.viewport(375, (int) Math.min(phoneHeight, 6000), true);
        Files.createDirectories(PHONE_SCREENSHOT.getParent());
        Files.write(PHONE_SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));

        browser.viewport(1280, 1000, false);
        browser.script("document.activeElement.blur(); window.scrollTo(0, 0)");
        new Actions(driver).moveToLocation(0, 0).perform();
        long height = ((Number) browser.script("return document.documentElement.scrollHeight")).longValue();
        browser.viewport(1280, (int) Math.min(height, 6000), false);
        Files.createDirectories(SCREENSHOT.getParent());
        Files.write(SCREENSHOT, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static WebElement conflictCardWithMostSources(List<WebElement> cards) {
        assertFalse(cards.isEmpty(), "the answer lists the measures its figures bear on");
        WebElement best = cards.get(0);
        long bestCount = -1;
        for (WebElement card : cards) {
            long count = articles(card).size();
            if (count > bestCount) {
                best = card;
                bestCount = count;
            }
        }
        return best;
    }

    /** The articles a card's figures come from: each row's earliest article and every source it lists. */
    private static Set<String> articles(WebElement card) {
        return card.findElements(By.cssSelector(".figure-row, .figure-source-item")).stream()
                .map(item -> item.getDomAttribute("data-article-id")).filter(id -> id != null && !id.isBlank())
                .collect(Collectors.toSet());
    }
}
