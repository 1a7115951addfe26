package io.crosscheck.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    static String seed(String name) throws IOException {
        try (InputStream in = TextCleanerTest.class.getResourceAsStream("/corpus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static CleanedText cleanSeed(String name) throws IOException {
        return TextCleaner.clean(seed(name), TextCleaner.Format.TEXT);
    }

    @Test
    void seed000KeepsTheStoryAndDropsTheCommentForm() throws IOException {
        CleanedText cleaned = cleanSeed("000_ba596d50097fc4ee.txt");
        assertEquals("The Withdrawal of North Korean Troops from Ukraine: An Analysis", cleaned.title());
        assertEquals("english.hani.co.kr", cleaned.outlet());
        assertNull(cleaned.publishedAt(), "the article states no date");
        assertFalse(cleaned.text().contains("Leave a Reply"));
        assertFalse(cleaned.text().contains("Your email address"));
        assertFalse(cleaned.text().contains("Original Source"));
        assertFalse(cleaned.text().lines().anyMatch(line -> line.strip().equals("0")), "stray counter line");
        assertTrue(cleaned.text().contains("approximately 11,000 North Korean troops retreated"));
    }

    @Test
    void seed001HasNoHeadlineAndNoOutlet() throws IOException {
        CleanedText cleaned = cleanSeed("001_be9c38db4fa05ed6.txt");
        assertNull(cleaned.title(), "the first line is a paragraph, not a headline");
        assertNull(cleaned.outlet());
        assertTrue(cleaned.text().contains("an estimated 10,000 to 12,000 troops"));
        assertFalse(cleaned.text().contains("|---|"), "table rules are furniture");
        assertTrue(cleaned.text().contains("\n\nTroop Reinforcement | North Korea could send additional troops"),
                "table rows are kept verbatim, one paragraph each, without the outer pipes");
    }

    @Test
    void seed002LosesWidgetsCountersAndLogos() throws IOException {
        CleanedText cleaned = cleanSeed("002_05c747f735962a3e.txt");
        assertEquals("North Korean Troops Withdrawn from Ukraine Frontlines Amid Heavy Losses", cleaned.title(),
                "the site name after the dash is not part of the headline");
        assertEquals("NEWSWEEK", cleaned.outlet());
        assertNull(cleaned.publishedAt(), "'Friday, February 07' has no year: never invent one");
        for (String furniture : new String[] { "share-icon", "comment-icon", "2 views", "2 hours ago", "side-post-image",
                "nav-post-picture", "SHARE THIS ARTICLE", "PRESSAI", "newsweekNEWSWEEK", "Recent Posts", "Credited from" }) {
            assertFalse(cleaned.text().contains(furniture), furniture);
        }
        assertEquals(1, cleaned.text().split("North Korean Troops Withdrawn from Ukraine Frontlines Amid Heavy Losses", -1).length - 1,
                "the repeated headline is kept once");
        assertTrue(cleaned.text().contains("\n\nIntelligence reports indicate approximately 300 North Korean soldiers were killed"),
                "bullets become paragraphs");
    }

    @Test
    void seed003IsPlainProse() throws IOException {
        CleanedText cleaned = cleanSeed("003_2b5076e200270314.txt");
        assertNull(cleaned.title());
        assertNull(cleaned.outlet());
        assertTrue(cleaned.text().contains("as high as 4,000 killed and wounded"));
    }

    @Test
    void seed004TakesTheOutletFromTheSignOff() throws IOException {
        CleanedText cleaned = cleanSeed("004_910e0e496c3bfacc.txt");
        assertEquals("North Korean Troops in Ukraine: A Complex Web of Secrecy and Tragedy", cleaned.title());
        assertEquals("World Today News", cleaned.outlet());
        assertFalse(cleaned.text().contains("Stay tuned"));
        assertFalse(cleaned.text().contains("|—"), "table rules are furniture");
        assertTrue(cleaned.text().contains("Casualties | 300 North Korean soldiers killed, 2,700 injured"));
        assertFalse(cleaned.text().contains("Casualties: 300"), "a table row is never rewritten");
    }

    @Test
    void htmlKeepsParagraphsAndDropsScriptsAndShareWidgets() {
        String html = """
                <html><head><title>Council approves bridge</title><script>var x = 1;</script></head>
                <body><nav>Home | World</nav><article><h1>Council approves bridge</h1>
                <p class="dateline">Published: March 3, 2025</p>
                <p>The council approved the bridge on Tuesday.</p><p>It will cost <b>$40 million</b>, officials said.</p>
                <div class="share-buttons">Share on Facebook</div></article>
                <form id="comments"><p>Leave a Reply</p></form></body></html>""";
        CleanedText cleaned = TextCleaner.clean(html, TextCleaner.Format.HTML);
        assertEquals("Council approves bridge", cleaned.title());
        assertEquals(LocalDate.of(2025, 3, 3), cleaned.publishedAt());
        assertEquals("Council approves bridge\n\nThe council approved the bridge on Tuesday.\n\n"
                + "It will cost $40 million, officials said.", cleaned.text());
    }

    @Test
    void markdownLosesItsMarkup() {
        CleanedText cleaned = TextCleaner.clean("# Storm hits coast\n\n**Winds** reached [120 km/h](http://x.test) on Monday.\n\n![map](m.png)",
                TextCleaner.Format.MARKDOWN);
        assertEquals("Storm hits coast", cleaned.title());
        assertEquals("Storm hits coast\n\nWinds reached 120 km/h on Monday.", cleaned.text());
    }

    @Test
    void nulAndOtherControlCharactersAreDroppedButLineBreaksAndTabsKept() {
        assertEquals("Ferry strike\tends\nOn Friday.",
                TextCleaner.withoutControlCharacters("Ferry\u0000 strike\tends\u0007\nOn Friday.\u007f"));
        assertNull(TextCleaner.withoutControlCharacters(null));
        String clean = "Nothing to drop here.";
        assertTrue(clean == TextCleaner.withoutControlCharacters(clean), "clean text is returned as it is");
    }

    @Test
    void loneSurrogatesAreDroppedAndPairsKept() {
        assertEquals("Coast Post \uD83D\uDCC8", TextCleaner.withoutControlCharacters("Coast\uD800 Post \uDC00\uD83D\uDCC8\uD83D"));
    }

    @Test
    void cleaningDropsNulBytesFromTheArticle() {
        CleanedText cleaned = TextCleaner.clean("Ferry strike ends\n\nThe strike ended on Friday\u0000 after nine days.",
                TextCleaner.Format.TEXT);
        assertFalse(cleaned.text().contains("\u0000"));
        assertTrue(cleaned.text().contains("on Friday after nine days."));
    }

    @Test
    void everyKeptLineOfAPlainTextSeedIsAPieceOfTheFileAsItWasSent() throws IOException {
        for (String name : new String[] { "000_ba596d50097fc4ee.txt", "001_be9c38db4fa05ed6.txt", "002_05c747f735962a3e.txt",
                "003_2b5076e200270314.txt", "004_910e0e496c3bfacc.txt" }) {
            String raw = seed(name).replaceAll("[ \t\u00a0]+", " ");
            for (String paragraph : TextCleaner.clean(seed(name), TextCleaner.Format.TEXT).text().split("\n\n")) {
                assertTrue(raw.contains(paragraph), name + ": rewritten line: " + paragraph);
            }
        }
    }

    @Test
    void tableRowsLoseOnlyTheirOuterPipesAndRules() {
        CleanedText cleaned = TextCleaner.clean("""
                Harbor fire damages pier

                | Item | Estimate |
                |:-----|---------:|
                | Damage | $2.4 million, according to the port authority |
                | Boats lost | 14 |
                """, TextCleaner.Format.MARKDOWN);
        assertEquals("Harbor fire damages pier\n\nItem | Estimate\n\nDamage | $2.4 million, according to the port authority"
                + "\n\nBoats lost | 14", cleaned.text());
    }

    @Test
    void htmlTableCellsAreSeparatedLikeMarkdownOnes() {
        CleanedText cleaned = TextCleaner.clean("<html><body><article><h1>Dam report</h1><table><tr><td>Evacuated</td>"
                + "<td>1,200 residents</td></tr></table></article></body></html>", TextCleaner.Format.HTML);
        assertEquals("Dam report\n\nEvacuated | 1,200 residents", cleaned.text());
    }

    @Test
    void furnitureOfOtherOutletsIsDroppedByTheSameRules() {
        CleanedText cleaned = TextCleaner.clean("""
                Wildfire forces evacuations in valley towns | Harbor Daily
                HARBORDAILY
                reutersREUTERS apnewsAPNEWS bbcBBC ReutersReuters
                author-avatar
                Listen to this article
                4 min read
                Updated 35 minutes ago 12 comments
                Fire crews evacuated 3,400 residents on Sunday as the blaze spread east, county officials said.
                Copy link
                Related coverage
                © 2025 Harbor Daily Media Group
                This story first appeared in The Valley Ledger.
                """, TextCleaner.Format.TEXT);
        assertEquals("Wildfire forces evacuations in valley towns\n\nFire crews evacuated 3,400 residents on Sunday as the"
                + " blaze spread east, county officials said.", cleaned.text());
        assertEquals("Wildfire forces evacuations in valley towns", cleaned.title());
        assertEquals("The Valley Ledger", cleaned.outlet());
    }

    @Test
    void signOffsNameTheOutletOnlyInCapitalisedWords() {
        assertEquals("Coast Post", TextCleaner.clean("Ferry strike ends after nine days on Friday.\n"
                + "For more news, visit Coast Post.", TextCleaner.Format.TEXT).outlet());
        assertEquals("Harbor Daily", TextCleaner.clean("Ferry strike ends after nine days on Friday.\n"
                + "Stay tuned to Harbor Daily for more updates on the strike.", TextCleaner.Format.TEXT).outlet());
        CleanedText lowercase = TextCleaner.clean("Ferry strike ends after nine days on Friday.\n"
                + "Stay tuned to our live page for more updates.", TextCleaner.Format.TEXT);
        assertNull(lowercase.outlet());
        assertTrue(lowercase.text().contains("Stay tuned to our live page"));
    }

    @Test
    void widgetTokensAreCutOnlyAtTheEndsOfALine() {
        assertEquals("Jane Doe", TextCleaner.withoutOuterFurniture("author-avatar Jane Doe share-icon"));
        assertEquals("• The share-icon fix shipped in May.".substring(2),
                TextCleaner.withoutOuterFurniture("• The share-icon fix shipped in May."));
    }

    @Test
    void aLogoStripIsEveryWordANameGluedToItsCapitalisedCopy() {
        assertTrue(TextCleaner.isLogoStrip("newsweekNEWSWEEK theguardianTHEGUARDIAN"));
        assertTrue(TextCleaner.isLogoStrip("lemondeLEMONDE ReutersReuters"));
        assertFalse(TextCleaner.isLogoStrip("couscous"), "a doubled ordinary word");
        assertFalse(TextCleaner.isLogoStrip("bbcBBC reported flooding"), "a sentence that starts with a logo");
    }

    @Test
    void aTitleIsAShortLineThatReadsLikeAHeadline() {
        assertEquals("Wildfire forces evacuations in valley towns", TextCleaner.headline("Wildfire forces evacuations in valley towns"));
        assertEquals("Will the ferry strike end this week?", TextCleaner.headline("Will the ferry strike end this week?"));
        assertEquals("2,000 march against fare rise", TextCleaner.headline("2,000 march against fare rise"));
        assertNull(TextCleaner.headline("By Jane Doe and Sam Lee"), "a byline");
        assertNull(TextCleaner.headline("the council said on Monday"), "a fragment");
        assertNull(TextCleaner.headline("Fire crews evacuated 3,400 residents on Sunday."), "a sentence");
        assertNull(TextCleaner.headline("Here is what we know so far:"), "a lead-in");
        assertNull(TextCleaner.headline("Item | Estimate"), "a table header");
        assertNull(TextCleaner.headline("Officials in the county said on Sunday that fire crews had evacuated residents from three"
                + " valley towns as the blaze spread east overnight"), "a lead paragraph without its full stop");
    }

    @Test
    void aBylineBeforeTheStoryIsNotItsTitle() {
        CleanedText cleaned = TextCleaner.clean("By Jane Doe, Harbor Daily\n\nFire crews evacuated 3,400 residents on Sunday.",
                TextCleaner.Format.TEXT);
        assertNull(cleaned.title());
    }

    @Test
    void theHeadlineOfEveryEvaluationArticleIsReadAsItsTitle() throws IOException {
        for (String dir : new String[] { "src/test/resources/eval/articles", "src/test/resources/eval/stories" }) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).toList()) {
                    String raw = Files.readString(file);
                    assertEquals(raw.lines().findFirst().orElseThrow().strip(),
                            TextCleaner.clean(raw, TextCleaner.Format.TEXT).title(), file.toString());
                }
            }
        }
    }
}
