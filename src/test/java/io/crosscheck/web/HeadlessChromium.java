package io.crosscheck.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven through its own chromedriver, so nothing is downloaded at test time. The machines have no
 * network: background networking, component updates and sync are off, or the browser stalls waiting for them.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test, rather than failing it, on machines without a browser. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: needs " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver)");
    }

    static HeadlessChromium start() {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("crosscheck-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--hide-scrollbars", "--lang=en-US", "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    }

    /** Sets the viewport exactly (the window size includes browser chrome); a phone also gets touch-style metrics. */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /**
     * Every piece of the page a reader or a screen reader meets (text, labels, titles, links) that shows a value the
     * script never filled: "null", "undefined", "NaN" or "[object Object]".
     */
    @SuppressWarnings("unchecked")
    java.util.List<String> unfilledValues() {
        return (java.util.List<String>) script("""
                const unfilled = /\\b(null|undefined|NaN)\\b|\\[object Object\\]/;
                const found = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  if (unfilled.test(node.textContent)) found.push(`text: ${node.textContent.trim().slice(0, 120)}`);
                }
                for (const element of document.body.querySelectorAll('*')) {
                  for (const name of ['aria-label', 'title', 'href', 'alt', 'data-n', 'data-article-id']) {
                    const value = element.getAttribute(name);
                    if (value !== null && unfilled.test(value)) found.push(`${element.tagName} ${name}: ${value}`);
                  }
                }
                return found;
                """);
    }

    /** How many CSS pixels the page is wider than its viewport (zero or less: no sideways scrolling). */
    int horizontalOverflow() {
        return ((Number) script("return document.documentElement.scrollWidth - window.innerWidth")).intValue();
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
