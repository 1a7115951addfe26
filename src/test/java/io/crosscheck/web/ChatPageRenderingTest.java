package io.crosscheck.web;

import jakarta.inject.Inject;
import io.crosscheck.figures.StoryAnalysisService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How the page draws an answer, checked on a fixed answer ({@code web/chat-fixture.json}) so that every figure shape
 * is covered whatever the corpus yields: the browser's fetch of the stream is answered by the fixture, cut into small
 * chunks to exercise the event-stream parser. The page itself is served by the application.
 */
@QuarkusTest
class ChatPageRenderingTest {

    @Inject
    StoryAnalysisService analysis;

    /** Answers read the last committed analysis: let the stories changed so far be analysed first. */
    @BeforeEach
    void analysed() {
        analysis.drain();
    }

    /** Replaces fetch for the chat stream before the page's scripts run; the fixture and a hostile variant are JSON. */
    private static final String STUB = """
            (() => {
              const fixture = %s;
              const realFetch = window.fetch.bind(window);
              window.__cspViolations = [];
              document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
              window.__asked = [];
              window.__fetched = [];
              const sse = (events) => {
                const bytes = new TextEncoder().encode(events.map(([name, data]) => `event: ${name}\\ndata: ${data}\\n\\n`).join(''));
                return new ReadableStream({ start(controller) {
                  for (let i = 0; i < bytes.length; i += 97) controller.enqueue(bytes.slice(i, i + 97));
                  controller.close();
                } });
              };
              window.fetch = async (input, init) => {
                window.__fetched.push(String(input));
                if (!String(input).endsWith('api/chat/stream')) return realFetch(input, init);
                const request = JSON.parse(init.body);
                window.__asked.push(request);
                if (request.question === 'fail') {
                  return new Response(JSON.stringify({ type: 'about:blank', title: 'Invalid question', status: 400,
                      detail: 'question: must be at most 2000 characters', instance: '/api/chat/stream' }),
                      { status: 400, headers: { 'Content-Type': 'application/problem+json' } });
                }
                const answer = request.question === 'hostile' ? window.__hostile(fixture) : fixture;
                return new Response(sse([['delta', 'Sources disagree'], ['answer', JSON.stringify(answer)]]),
                    { headers: { 'Content-Type': 'text/event-stream' } });
              };
              window.__hostile = (base) => {
                const answer = structuredClone(base);
                answer.citations[0].title = '<b id="injected">bold</b>';
                answer.citations[0].url = 'javascript:window.__pwned = 1';
                answer.citations[0].quote = '<img src=x onerror="window.__pwned = 1"> quoted';
                answer.conflicts[0].figures[0].value = '<script>window.__pwned = 1</script>300';
                answer.answer = 'Markup <img src=x onerror="window.__pwned = 1"> stays text [1].';
                return answer;
              };
            })();
            """;

    @TestHTTPResource("/")
    URL page;

    HeadlessChromium browser;

    @BeforeEach
    void openPageWithFixture() throws IOException {
        browser = HeadlessChromium.start();
        String fixture;
        try (InputStream in = getClass().getResourceAsStream("/web/chat-fixture.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", STUB.formatted(fixture)));
        browser.viewport(1280, 1000, false);
        browser.driver.get(page.toString());
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void chartDrawsPointsRangesOpenEndsDerivedFiguresAndSeparateScales() {
        ask("How many North Korean soldiers have been killed?");
        List<WebElement> cards = browser.driver.findElements(By.cssSelector(".conflict-card"));
        assertEquals(5, cards.size(), "one card per measure");
        assertEquals(List.of("conflict", "conflict", "consistent", "single-source", "single-source"),
                cards.stream().map(card -> card.getDomAttribute("data-status")).toList());
        assertEquals(List.of("Conflict", "Conflict", "Consistent", "Single source", "Single source"),
                cards.stream().map(card -> card.findElement(By.cssSelector(".badge")).getText()).toList());

        WebElement casualties = cards.get(0);
        assertEquals(List.of("count", "percent"), attributes(casualties, ".chart-group", "data-scale"),
                "a share is drawn on its own axis, apart from the counts");
        assertEquals(List.of("open-high", "point", "open-low", "point", "open-low"),
                attributes(casualties, ".figure-row", "data-shape"), "the stated figures, derived ones hidden");
        assertEquals("5 stated figures from 5 articles, and 4 derived",
                casualties.findElement(By.cssSelector(".conflict-count")).getText());
        showDerived(casualties);
        assertEquals(List.of("open-high", "point", "open-low", "point", "point", "open-low", "open-low", "open-high", "open-low"),
                attributes(casualties, ".figure-row", "data-shape"), "derived figures follow the stated ones on request");
        assertEquals(4, casualties.findElements(By.cssSelector(".figure-row.is-derived .tag-derived")).size(),
                "derived figures are labelled");
        assertEquals(List.of("= 3,000", "≤ 4,400", "≤ 5,500", "≥ 2,300"), attributes(casualties, ".figure-computed", "textContent"),
                "a derived figure shows its own number beside the phrase it comes from");
        assertEquals("100%", casualties.findElement(By.cssSelector("[data-shape='open-high'] .arrow")).getDomAttribute("x"),
                "'at least' points to the axis end");
        assertEquals("0%", casualties.findElement(By.cssSelector("[data-shape='open-low'] .arrow")).getDomAttribute("x"),
                "'up to' points to zero");
        assertTrue(casualties.findElement(By.cssSelector("[data-shape='open-high'] .visually-hidden")).getDomProperty("textContent")
                .contains("at least 300, no upper bound"));
        assertTrue(attributes(casualties, ".figure-verbatim", "textContent").contains("as high as 4,000"), "values are shown verbatim");

        WebElement absence = cards.get(1);
        assertEquals(List.of("duration"), attributes(absence, ".chart-group", "data-scale"),
                "days and weeks share one duration axis");
        assertEquals("Since mid-January", absence.findElement(By.cssSelector("[data-shape='text'] q")).getText(),
                "a figure without numeric bounds is listed as text");

        assertEquals(List.of(), browser.script("return window.__cspViolations"),
                "the page runs under its Content-Security-Policy, bar colours included");
        assertTrue(((Number) browser.script("return document.querySelectorAll('.conflict-card [style*=\"fill\"]').length"))
                .intValue() > 0, "the figures are painted in their colours");
    }

    @Test
    void sourcesListEachArticleOnceWithItsPassagesAndNameUntitledArticlesByOutletAndDate() throws IOException {
        ask("How many North Korean soldiers have been killed?");
        JsonNode citations = fixture().get("citations");
        Set<String> distinct = new LinkedHashSet<>();
        citations.forEach(citation -> distinct.add(citation.get("articleId").asText()));
        List<WebElement> sources = browser.driver.findElements(By.cssSelector(".source-list .source"));
        assertEquals(List.copyOf(distinct), sources.stream().map(source -> source.getDomAttribute("data-article-id")).toList(),
                "one entry per article, in the order of its first citation");
        assertEquals(citations.size(), browser.driver.findElements(By.cssSelector(".source-passage")).size(),
                "every cited passage is listed once");
        WebElement worldToday = browser.driver.findElement(By.cssSelector(".source[data-article-id='004_910e0e496c3bfacc']"));
        assertEquals(List.of("2", "6"), attributes(worldToday, ".source-passage", "data-n"), "its passages under the article");
        assertEquals("Sources · 5 articles", browser.driver.findElement(By.cssSelector(".sources .section-title")).getDomProperty("textContent"));

        WebElement noTitle = browser.driver.findElement(By.cssSelector(".source[data-article-id='001_be9c38db4fa05ed6']"));
        assertEquals("english.hani.co.kr, Feb 10, 2025", noTitle.findElement(By.cssSelector(".source-title > :last-child")).getText(),
                "an article without a title is named by its outlet and date");
        WebElement nothing = browser.driver.findElement(By.cssSelector(".source[data-article-id='003_2b5076e200270314']"));
        assertEquals("Untitled article", nothing.findElement(By.cssSelector(".source-title > :last-child")).getText(), "never by its raw id");

        WebElement marker = browser.driver.findElement(By.cssSelector(".answer-text .cite[data-n='5']"));
        marker.click();
        WebElement popover = browser.waiting(Duration.ofSeconds(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("citation-popover")));
        assertEquals("5 english.hani.co.kr, Feb 10, 2025", browser.driver.findElement(By.id("popover-title")).getText()
                .replaceAll("\\s+", " "), "the popover names the article as the list does");
        assertFalse(popover.getText().contains("null"), "an article without an address shows no placeholder: " + popover.getText());
        assertTrue(popover.findElements(By.cssSelector("a")).isEmpty(), "and no link");
        assertEquals(List.of("5"), browser.driver.findElements(By.cssSelector(".source-passage.is-highlighted")).stream()
                .map(passage -> passage.getDomAttribute("data-n")).toList(), "the cited passage is highlighted in the list");
    }

    @Test
    void derivedFiguresWaitBehindAButtonAndTheAxisFitsTheStatedOnes() {
        ask("How many North Korean soldiers have been killed?");
        WebElement casualties = browser.driver.findElements(By.cssSelector(".conflict-card")).get(0);
        WebElement around = casualties.findElement(By.xpath(".//li[contains(@class,'figure-row')][.//q[.='around 300']]"));
        double statedOnly = Double.parseDouble(around.findElement(By.cssSelector("circle.dot")).getDomAttribute("cx").replace("%", ""));
        assertTrue(casualties.findElements(By.cssSelector(".figure-row.is-derived")).isEmpty(), "derived rows are hidden at first");
        WebElement toggle = casualties.findElement(By.cssSelector(".derived-toggle"));
        assertEquals("false", toggle.getDomAttribute("aria-expanded"));
        assertTrue(toggle.getText().startsWith("Show 4 derived figures"), toggle.getText());

        toggle.sendKeys(Keys.ENTER);
        around = casualties.findElement(By.xpath(".//li[contains(@class,'figure-row')][.//q[.='around 300']]"));
        double withDerived = Double.parseDouble(around.findElement(By.cssSelector("circle.dot")).getDomAttribute("cx").replace("%", ""));
        assertEquals("true", toggle.getDomAttribute("aria-expanded"));
        assertEquals(toggle, browser.driver.switchTo().activeElement(), "focus stays on the button");
        assertTrue(statedOnly > withDerived, "the axis is set by what sources stated: 'around 300' at " + statedOnly
                + "% of it, " + withDerived + "% once the derived 5,500 is drawn");
        List<WebElement> rows = casualties.findElements(By.cssSelector(".chart-group[data-scale='count'] .figure-row"));
        int firstDerived = rows.indexOf(casualties.findElement(By.cssSelector(".chart-group[data-scale='count'] .figure-row.is-derived")));
        assertTrue(rows.subList(firstDerived, rows.size()).stream().allMatch(row -> row.getDomAttribute("class").contains("is-derived")),
                "stated figures come first");
        assertTrue(weight(rows.get(0)) > weight(rows.get(rows.size() - 1)), "a stated value is set bolder than a derived one");

        toggle.click();
        assertTrue(casualties.findElements(By.cssSelector(".figure-row.is-derived")).isEmpty(), "and hidden again");
    }

    @Test
    void desktopAndPhoneShowNoUnfilledValuesNoRawIdsAndNoSidewaysScrolling() {
        for (int[] size : new int[][] { { 1280, 1000 }, { 375, 812 }, { 320, 640 } }) {
            boolean phone = size[0] < 600;
            browser.viewport(size[0], size[1], phone);
            browser.driver.get(page.toString());
            ask("How many North Korean soldiers have been killed?");
            String width = size[0] + " px";
            assertTrue(browser.driver.findElements(By.cssSelector(".figure-row.is-derived")).isEmpty(), width + ": derived rows hidden");
            assertEquals(List.of(), browser.unfilledValues(), width);
            assertEquals(0, Math.max(0, browser.horizontalOverflow()), width + ": no sideways scrolling");
            browser.driver.findElements(By.cssSelector(".derived-toggle")).forEach(toggle -> toggle.sendKeys(Keys.ENTER));
            browser.driver.findElements(By.cssSelector(".source-quote summary, .figure-sources summary")).forEach(summary -> {
                browser.script("arguments[0].parentElement.open = true", summary);
            });
            browser.driver.findElement(By.cssSelector(".answer-text .cite[data-n='5']")).sendKeys(Keys.ENTER);
            browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.visibilityOfElementLocated(By.id("citation-popover")));
            assertEquals(List.of(), browser.unfilledValues(), width + ", everything open");
            assertEquals(0, Math.max(0, browser.horizontalOverflow()), width + ", everything open: no sideways scrolling");
            String text = browser.driver.findElement(By.tagName("body")).getText();
            assertFalse(RAW_ID.matcher(text).find(), width + ": no article is named by its id");
        }
    }

    private static final Pattern RAW_ID = Pattern.compile("\\b\\d{3}_[0-9a-f]{16}\\b");

    private int weight(WebElement row) {
        return Integer.parseInt((String) browser.script(
                "return getComputedStyle(arguments[0].querySelector('.figure-verbatim')).fontWeight", row));
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = ChatPageRenderingTest.class.getResourceAsStream("/web/chat-fixture.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private void showDerived(WebElement card) {
        card.findElement(By.cssSelector(".derived-toggle")).sendKeys(Keys.ENTER);
    }

    @Test
    void citationMarkersOpenTheirQuoteByMouseAndKeyboard() {
        ask("How many North Korean soldiers have been killed?");
        WebElement second = browser.driver.findElements(By.cssSelector(".answer-text .cite")).get(1);
        second.click();
        WebElement popover = browser.waiting(Duration.ofSeconds(5))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("citation-popover")));
        assertTrue(popover.getText().contains("at least 300 North Korean soldiers have died"), popover.getText());
        assertTrue(popover.getText().contains("World Today News"));
        assertEquals("true", second.getDomAttribute("aria-expanded"));

        WebElement third = browser.driver.findElements(By.cssSelector(".answer-text .cite")).get(2);
        browser.script("arguments[0].focus()", third);
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("popover-quote"), "as high as 4,000 killed and wounded"));
        assertTrue(popover.getText().contains("Untitled article"), "an article without title or outlet: " + popover.getText());
        assertFalse(popover.getText().contains("003_2b5076e200270314"), "never by its raw id");
        assertFalse(popover.getText().contains("null"), "an article without an address shows no placeholder: " + popover.getText());
        assertTrue(popover.findElements(By.cssSelector("a")).isEmpty(), "and no link");
        assertEquals("false", second.getDomAttribute("aria-expanded"));
    }

    @Test
    void eachDistinctFigureListsTheArticlesReportingItAndLinksTheCitedOnes() {
        ask("How many North Korean soldiers have been killed?");
        WebElement deployed = browser.driver.findElements(By.cssSelector(".conflict-card")).get(2);
        assertEquals(4, deployed.findElements(By.cssSelector(".figure-row")).size(), "one row per distinct figure");
        assertEquals("4 stated figures from 5 articles", deployed.findElement(By.cssSelector(".conflict-count")).getText(),
                "articles are counted through every figure's sources");

        WebElement over = deployed.findElement(By.cssSelector(".figure-row[data-sources='3']"));
        WebElement sources = over.findElement(By.cssSelector("details.figure-sources"));
        assertEquals("3 sources", sources.findElement(By.tagName("summary")).getText());
        browser.script("arguments[0].scrollIntoView({block: 'center'})", sources);
        sources.findElement(By.tagName("summary")).click();
        assertEquals(List.of("World Today News", "1 NEWSWEEK", "english.hani.co.kr"),
                sources.findElements(By.cssSelector(".figure-source-item")).stream().map(e -> e.getText().replaceAll("\\s+", " "))
                        .toList(),
                "each source by outlet (the cited article's, when only its citation names it); a cited one carries its citation number");
        assertEquals("https://www.newsweek.com/north-korea-troops-ukraine-withdrawn",
                sources.findElement(By.cssSelector("[data-article-id='002_05c747f735962a3e'] a")).getDomAttribute("href"),
                "a cited source links to its article");
        assertEquals(1, sources.findElements(By.cssSelector(".figure-source-item a")).size(), "uncited sources are not links");
        sources.findElement(By.cssSelector(".figure-source-item .cite")).sendKeys(Keys.ENTER);
        browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("popover-quote"), "approximately 300 North Korean soldiers were killed"));

        assertEquals(2, deployed.findElements(By.cssSelector("details.figure-sources")).size(),
                "only figures reported by several articles list them");
        for (WebElement outlet : browser.driver.findElements(By.cssSelector(".figure-outlet"))) {
            assertFalse(outlet.getText().matches("\\d{3}_[0-9a-f]{16}"), "no source is named by its id: " + outlet.getText());
        }
    }

    @Test
    void measuresAreGroupedByStoryAndAPendingAnalysisIsSaid() {
        ask("How many North Korean soldiers have been killed?");
        List<WebElement> groups = browser.driver.findElements(By.cssSelector(".story-group"));
        assertEquals(List.of("STORY The Withdrawal of North Korean Troops from Ukraine: An Analysis",
                "STORY Evacuations from Sumy region border villages"),
                groups.stream().map(g -> g.findElement(By.cssSelector(".story-title")).getText()).toList());
        assertEquals(List.of(4, 1), groups.stream().map(g -> g.findElements(By.cssSelector(".conflict-card")).size()).toList());
        assertEquals("h5", groups.get(0).findElement(By.cssSelector(".conflict-title")).getTagName(),
                "measure headings nest under their story's heading");
        WebElement note = browser.driver.findElement(By.cssSelector(".analysis-note"));
        assertTrue(note.getText().contains("still being analysed"), note.getText());
        assertTrue(browser.driver.findElement(By.id("status")).getText().contains("new articles are still being analysed"));
    }

    @Test
    void thePageNeverListsTheCorpus() {
        ask("How many North Korean soldiers have been killed?");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) browser.script("return window.__fetched");
        List<String> lists = fetched.stream().filter(url -> url.contains("api/articles") || url.contains("api/stories")).toList();
        assertEquals(List.of("api/articles?size=1", "api/stories?size=1"), lists.stream().sorted().toList(),
                "only the corpus size is asked for: " + fetched);
        assertTrue(browser.driver.findElement(By.id("corpus-status")).getText().matches("\\d+ articles? in \\d+ stor(y|ies) · .*"),
                browser.driver.findElement(By.id("corpus-status")).getText());
    }

    @Test
    void followUpsSendTheConversationIdAndNewConversationForgetsIt() {
        ask("How many North Korean soldiers have been killed?");
        ask("And how many were wounded?");
        assertEquals(2, browser.driver.findElements(By.cssSelector(".turn")).size(), "the thread keeps both turns");
        browser.driver.findElement(By.id("new-conversation")).click();
        assertTrue(browser.driver.findElements(By.cssSelector(".turn")).isEmpty());
        ask("How many troops did North Korea send?");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> asked = (List<Map<String, Object>>) browser.script("return window.__asked");
        assertNull(asked.get(0).get("conversationId"));
        assertEquals("fixture-conversation-1", asked.get(1).get("conversationId"));
        assertNull(asked.get(2).get("conversationId"));
    }

    @Test
    void exampleChipAsksItsQuestion() {
        browser.driver.findElements(By.cssSelector(".chip")).get(1).click();
        waitForAnswerOrError();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> asked = (List<Map<String, Object>>) browser.script("return window.__asked");
        assertEquals("How many troops did North Korea send?", asked.get(0).get("question"));
    }

    @Test
    void problemDetailIsShownOnError() {
        ask("fail");
        WebElement error = browser.driver.findElement(By.cssSelector(".answer-error"));
        assertTrue(error.getText().contains("question: must be at most 2000 characters"), error.getText());
        assertEquals("alert", error.getDomAttribute("role"));
    }

    @Test
    void untrustedTextIsShownAsTextNeverAsMarkup() {
        ask("hostile");
        assertNull(browser.script("return window.__pwned ?? null"), "no script from the answer ran");
        assertTrue(browser.driver.findElements(By.cssSelector(".answer img, .answer script, #injected")).isEmpty(),
                "no element was created from answer text");
        assertTrue(browser.driver.findElement(By.cssSelector(".answer-text")).getText().contains("<img src=x"),
                "markup in the answer is shown literally");
        assertTrue(browser.driver.findElements(By.cssSelector(".source a[href^='javascript']")).isEmpty(),
                "only http(s) addresses become links");
        assertEquals("<b id=\"injected\">bold</b>",
                browser.driver.findElement(By.cssSelector(".source[data-article-id='002_05c747f735962a3e'] .source-title > :last-child")).getText());
    }

    private void ask(String text) {
        WebElement question = browser.waiting(Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.id("question")));
        int before = browser.driver.findElements(By.cssSelector(".turn")).size();
        question.sendKeys(text);
        question.sendKeys(Keys.ENTER);
        browser.waiting(Duration.ofSeconds(10)).until(driver -> driver.findElements(By.cssSelector(".turn")).size() > before);
        waitForAnswerOrError();
    }

    private void waitForAnswerOrError() {
        browser.waiting(Duration.ofSeconds(20)).until(driver -> driver.findElements(By.cssSelector(".answer-slot[aria-busy]")).isEmpty()
                && !driver.findElements(By.cssSelector(".turn")).isEmpty());
    }

    private static List<String> attributes(WebElement scope, String selector, String attribute) {
        return scope.findElements(By.cssSelector(selector)).stream()
                .map(e -> attribute.equals("textContent") ? e.getDomProperty(attribute) : e.getDomAttribute(attribute)).toList();
    }
}
