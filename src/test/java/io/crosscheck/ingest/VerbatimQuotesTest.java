package io.crosscheck.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.ExtractedFigure;
import io.crosscheck.figures.FigureExtractor;
import io.crosscheck.text.CleanedText;
import io.crosscheck.text.SentenceSplitter;
import io.crosscheck.text.TextCleaner;

/**
 * Every quote a reader can be shown (a figure's sentence and span, a chunk, a sentence of a chunk that an answer
 * cites) is a substring of the stored article text, for every article the evaluations use and for synthetic ones with
 * tables, lists and odd quote marks. For articles sent as plain text it is also a piece of the text as it was sent
 * (up to runs of spaces; the check is on quotes within one line, since
 * dropped lines may stand between two kept ones), which is what a reader checking the original would look for: cleaning drops lines and the
 * frames of lines (bullets, the outer pipes of a table row), and never rewrites what it keeps.
 */
class VerbatimQuotesTest {

    private static final Chunker CHUNKER = new Chunker(150, 220, 300, 50, ArticleService::countTokens);

    private record Source(String name, String raw, TextCleaner.Format format) {
    }

    @Test
    void everyQuoteOfEveryEvaluationArticleIsVerbatim() {
        List<Source> sources = new ArrayList<>();
        sources.addAll(files(Path.of("src/test/resources/eval/articles")));
        sources.addAll(files(Path.of("src/test/resources/eval/stories")));
        sources.addAll(files(Path.of("src/main/resources/corpus")));
        Path sharedSeeds = Path.of("/work/shared/seeds");
        if (Files.isDirectory(sharedSeeds)) {
            sources.addAll(files(sharedSeeds));
        }
        sources.addAll(synthetic());
        assertTrue(sources.size() >= 30, "articles found: " + sources.size());
        int quotes = 0;
        for (Source source : sources) {
            quotes += assertVerbatim(source);
        }
        assertTrue(quotes > 1000, "quotes checked: " + quotes);
    }

    @Test
    void aTableRowIsQuotedAsItStandsInTheArticle() {
        Source table = synthetic().get(0);
        String stored = TextCleaner.clean(table.raw(), table.format()).text();
        List<ExtractedFigure> figures = FigureExtractor.extract(stored, null);
        ExtractedFigure killed = figures.stream().filter(f -> f.span().contains("300")).findFirst().orElseThrow();
        assertEquals("Casualties | 300 soldiers killed, 2,700 injured, according to the defence ministry.", killed.sentence());
        assertFalse(figures.stream().anyMatch(f -> f.sentence().contains("Casualties:")));
    }

    /** Checks every quote of one article; returns how many it checked. */
    private static int assertVerbatim(Source source) {
        CleanedText cleaned = TextCleaner.clean(source.raw(), source.format());
        String stored = cleaned.text();
        String sent = source.format() == TextCleaner.Format.TEXT ? spaced(source.raw()) : null;
        List<String> quotes = new ArrayList<>();
        for (ExtractedFigure figure : FigureExtractor.extract(stored, null)) {
            assertEquals(figure.sentence(), stored.substring(figure.sentenceStart(), figure.sentenceEnd()),
                    source.name() + ": a figure's sentence is its place in the text");
            assertEquals(figure.span(), stored.substring(figure.start(), figure.end()), source.name());
            quotes.add(figure.sentence());
            quotes.add(figure.span());
        }
        for (Chunker.Piece piece : CHUNKER.chunk(stored)) {
            String chunk = stored.substring(piece.start(), piece.end());
            quotes.add(chunk);
            SentenceSplitter.split(chunk).forEach(sentence -> quotes.add(sentence.of(chunk)));
        }
        for (String quote : quotes) {
            assertTrue(stored.contains(quote), source.name() + ": not in the stored text: " + quote);
            if (sent != null && !quote.contains("\n")) {
                assertTrue(sent.contains(spaced(quote)), source.name() + ": not in the article as sent: " + quote);
            }
        }
        return quotes.size();
    }

    /** Runs of spaces and tabs as one space, as the cleaner writes them. */
    private static String spaced(String text) {
        return text.replaceAll("[ \\t\\u00a0\\u2009\\u200b]+", " ");
    }

    private static List<Source> files(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.toString().endsWith(".json") && !f.getFileName().toString().equals("manifest.txt"))
                    .sorted().map(f -> new Source(f.toString(), read(f), TextCleaner.formatOf(f.toString(), read(f))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Layouts the evaluation articles lack: Markdown and pipe tables, lists, HTML tables, quotes of every kind. */
    static List<Source> synthetic() {
        return List.of(
                new Source("markdown table", """
                        Border clashes: what we know

                        | Key points | Details |
                        |------------|---------|
                        | Casualties | 300 soldiers killed, 2,700 injured, according to the defence ministry. |
                        | Displaced | About 14,000 people have left the valley, the UN refugee agency said |

                        The ministry said on Tuesday that 300 soldiers had been killed since March.
                        """, TextCleaner.Format.TEXT),
                new Source("pipe table without outer pipes", """
                        Quarterly results
                        Quarter | Revenue | Staff
                        ---|---|---
                        Q1 2025 | $4.2 billion | 12,400 employees
                        Q2 2025 | $3.9 billion | 11,800 employees
                        The company said it would cut 600 more jobs by December.
                        """, TextCleaner.Format.TEXT),
                new Source("lists", """
                        Storm Eunice in numbers

                        • Winds of 122 mph were recorded at the Needles, the Met Office said.
                        - More than 1.4 million homes lost power.
                        1. Three people died, police said.
                        2) Rail operators cancelled 80% of services.
                        * "We have never seen anything like it," said a coastguard officer, who counted 12 rescues.
                        """, TextCleaner.Format.TEXT),
                new Source("odd quote marks", """
                        Minister: ‘we will not back down’

                        ““It will be a long week,” the minister said, adding that 40 officers were on duty.
                        She said: "About 2,000 people" attended, while organisers put the crowd at ‘more than 5,000’.
                        «Nous sommes 10 000», a protester shouted, and police said 17 people were arrested.
                        """, TextCleaner.Format.TEXT),
                new Source("markdown", """
                        # Ferry strike ends

                        **Ferry crews** ended a [nine-day strike](https://example.test/strike) on Friday, the union said.

                        > "We won a 6% raise," a spokesperson said.

                        | Route | Sailings cancelled |
                        |---|---|
                        | North | 140 |
                        """, TextCleaner.Format.MARKDOWN),
                new Source("html", """
                        <html><head><title>Dam inspection</title></head><body><article><h1>Dam inspection</h1>
                        <p>Engineers found 3 cracks in the dam wall, the water board said on <b>Monday</b>.</p>
                        <table><tr><th>Town</th><th>Evacuated</th></tr><tr><td>Lowford</td><td>1,200 residents</td></tr></table>
                        <ul><li>About 40 homes were flooded.</li><li>Two bridges were closed.</li></ul></article></body></html>
                        """, TextCleaner.Format.HTML));
    }
}
