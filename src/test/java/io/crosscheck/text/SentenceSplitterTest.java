package io.crosscheck.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static List<String> sentences(String text) {
        return SentenceSplitter.split(text).stream().map(span -> span.of(text)).toList();
    }

    @Test
    void titlesAndInitialsDoNotEndSentences() {
        assertEquals(List.of("Emma Carter sits down with Dr. Min-woo Kim, an expert.", "Lt. Gen. Kyrylo Budanov agreed.",
                "U.S. officials said John F. Kennedy Jr. spoke on Sept. 3."),
                sentences("Emma Carter sits down with Dr. Min-woo Kim, an expert. Lt. Gen. Kyrylo Budanov agreed. "
                        + "U.S. officials said John F. Kennedy Jr. spoke on Sept. 3."));
    }

    @Test
    void paragraphsAlwaysEndASentence() {
        assertEquals(List.of("Storm hits coast", "Winds reached 120 km/h."), sentences("Storm hits coast\n\nWinds reached 120 km/h."));
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "  First one.  Second one!\nThird?";
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            assertEquals(span.of(text), text.substring(span.start(), span.end()).strip());
        }
        assertEquals(3, SentenceSplitter.split(text).size());
    }

    @Test
    void textWithoutSentenceBreaksIsCutBetweenWords() {
        String text = "grain shipment cleared ".repeat(2000).strip();
        List<String> pieces = sentences(text);
        assertTrue(pieces.size() > 1);
        assertTrue(pieces.stream().allMatch(p -> p.length() <= SentenceSplitter.MAX_SENTENCE_CHARS));
        assertTrue(pieces.stream().allMatch(p -> p.startsWith("grain") || p.startsWith("shipment") || p.startsWith("cleared")),
                "a piece starts mid-word");
        assertEquals(text.replace(" ", ""), String.join("", pieces).replace(" ", ""));
    }

    @Test
    void textWithoutSpacesIsCutAtTheLimitKeepingSurrogatePairsWhole() {
        String text = "x" + "\uD83D\uDCC8".repeat(1500);
        List<String> pieces = sentences(text);
        assertTrue(pieces.stream().allMatch(p -> p.length() <= SentenceSplitter.MAX_SENTENCE_CHARS));
        assertTrue(pieces.stream().allMatch(p -> !Character.isLowSurrogate(p.charAt(0))), "a pair was split");
        assertEquals(text, String.join("", pieces));
    }
}
