package io.crosscheck.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.crosscheck.text.SentenceSplitter;
import io.crosscheck.text.TextCleaner;

class ChunkerTest {

    private final Chunker chunker = new Chunker(150, 220, 300, 50, ArticleService::countTokens);

    @ParameterizedTest
    @ValueSource(strings = { "000_ba596d50097fc4ee.txt", "001_be9c38db4fa05ed6.txt", "002_05c747f735962a3e.txt",
            "003_2b5076e200270314.txt", "004_910e0e496c3bfacc.txt" })
    void chunksAreWholeSentencesCoveringTheArticle(String seed) throws IOException {
        String text = TextCleaner.clean(read(seed),
                TextCleaner.Format.TEXT).text();
        List<Chunker.Piece> pieces = chunker.chunk(text);
        List<SentenceSplitter.Span> sentences = SentenceSplitter.split(text);
        Set<Integer> starts = sentences.stream().map(SentenceSplitter.Span::start).collect(Collectors.toSet());
        Set<Integer> ends = sentences.stream().map(SentenceSplitter.Span::end).collect(Collectors.toSet());

        assertEquals(sentences.get(0).start(), pieces.get(0).start());
        assertEquals(sentences.get(sentences.size() - 1).end(), pieces.get(pieces.size() - 1).end());
        for (int i = 0; i < pieces.size(); i++) {
            Chunker.Piece piece = pieces.get(i);
            assertEquals(i, piece.ordinal());
            assertTrue(starts.contains(piece.start()), "chunk " + i + " starts mid-sentence");
            assertTrue(ends.contains(piece.end()), "chunk " + i + " ends mid-sentence");
            assertTrue(piece.tokens() <= 300, "chunk " + i + " too long: " + piece.tokens());
            if (i > 0) {
                Chunker.Piece previous = pieces.get(i - 1);
                assertTrue(piece.start() > previous.start() && piece.start() <= previous.end(),
                        "chunk " + i + " must continue (or overlap) the previous one");
            }
        }
    }

    @Test
    void overlapRepeatsTheLastShortSentence() {
        String sentence = "The river rose by two metres overnight near the old mill. ";
        String text = sentence.repeat(60).strip();
        List<Chunker.Piece> pieces = chunker.chunk(text);
        assertTrue(pieces.size() > 2);
        assertTrue(pieces.get(1).start() < pieces.get(0).end(), "consecutive chunks overlap");
        assertTrue(pieces.stream().limit(pieces.size() - 1).allMatch(p -> p.tokens() >= 150 && p.tokens() <= 300));
    }

    @Test
    void aSentenceLongerThanTheLimitIsCutBetweenWords() {
        String longSentence = "word ".repeat(400).strip() + ".";
        String text = longSentence + " Short one.";
        List<Chunker.Piece> pieces = chunker.chunk(text);
        assertTrue(pieces.size() > 1);
        for (Chunker.Piece piece : pieces) {
            assertTrue(piece.tokens() <= 300, "chunk too long: " + piece.tokens());
            assertTrue(piece.start() == 0 || text.charAt(piece.start() - 1) == ' ', "chunk starts mid-word");
            assertEquals(piece.tokens(), ArticleService.countTokens(text.substring(piece.start(), piece.end())));
        }
        assertEquals(text.length(), pieces.get(pieces.size() - 1).end());
    }

    @Test
    void textWithoutSentenceBreaksNeverMakesAChunkOverTheLimit() {
        String text = "grain shipment cleared at the northern depot ".repeat(10_700).strip();
        assertTrue(text.length() > 480_000);
        List<Chunker.Piece> pieces = chunker.chunk(text);
        assertTrue(pieces.stream().allMatch(p -> p.tokens() <= 300), "a chunk exceeds 300 tokens");
        assertEquals(text.length(), pieces.get(pieces.size() - 1).end());
    }

    @Test
    void aRunOfSymbolsLongerThanTheLimitIsCutBetweenCharacters() {
        String text = "Totals follow. " + "+-".repeat(600) + " End of table.";
        List<Chunker.Piece> pieces = chunker.chunk(text);
        assertTrue(pieces.stream().allMatch(p -> p.tokens() <= 300), "a chunk exceeds 300 tokens");
        assertEquals(text.length(), pieces.get(pieces.size() - 1).end());
    }

    @Test
    void inconsistentSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Chunker(300, 200, 100, 50, String::length));
    }

    private static String read(String seed) throws IOException {
        try (var in = ChunkerTest.class.getResourceAsStream("/corpus/" + seed)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
