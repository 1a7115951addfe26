package io.crosscheck.text;

import java.util.ArrayList;
import java.util.List;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Splits cleaned article text into sentences with exact character offsets.
 * <p>
 * Paragraph breaks (newlines) always end a sentence, so headings and bullet lines stand alone. Inside a paragraph
 * ICU's sentence rules are used with CLDR abbreviation suppressions ("Lt. Gen.", "U.S.", "Dr."), which a regex
 * splitter gets wrong on news text.
 */
public final class SentenceSplitter {

    private static final ULocale LOCALE = new ULocale("en@ss=standard");

    private SentenceSplitter() {
    }

    public static List<Span> split(String text) {
        List<Span> sentences = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            splitLine(text, lineStart, lineEnd, sentences);
            lineStart = lineEnd + 1;
        }
        return sentences;
    }

    private static void splitLine(String text, int from, int to, List<Span> out) {
        if (text.substring(from, to).isBlank()) {
            return;
        }
        BreakIterator iterator = BreakIterator.getSentenceInstance(LOCALE);
        iterator.setText(text.substring(from, to));
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
            Span span = Span.trimmed(text, from + start, from + end);
            if (span != null) {
                out.add(span);
            }
        }
    }

    /** A half-open character range {@code [start, end)} of the text it was cut from. */
    public record Span(int start, int end) {

        static Span trimmed(String text, int start, int end) {
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return start < end ? new Span(start, end) : null;
        }

        public String of(String text) {
            return text.substring(start, end);
        }

        public boolean contains(int offset) {
            return offset >= start && offset < end;
        }
    }
}
