package io.crosscheck.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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

    /**
     * Titles and abbreviations after which ICU's English data still breaks ("Dr.", "Lt. Gen.", "Sept."), and single
     * initials ("John F. Kennedy"): a break right after one of them is not a sentence end.
     */
    private static final Pattern NO_BREAK_AFTER = Pattern.compile("(?:^|[\\s(\"“])(?:Dr|Mr|Mrs|Ms|Mx|Prof|Gen|Lt|Col|Maj|Capt"
            + "|Cpt|Sgt|Cpl|Adm|Cmdr|Gov|Sen|Rep|Rev|Fr|Sr|Jr|St|Mt|Ft|Pres|Supt|Insp|Det|Hon|Gen|Brig|No|Nos|Vol|Fig|Art"
            + "|Sec|Ch|Inc|Corp|Ltd|Co|Bros|Dept|Univ|Assn|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|vs|etc"
            + "|e\\.g|i\\.e|[A-Z])\\.$");

    /**
     * Longest sentence, in characters. The longest in the bundled corpus and the evaluation sets has 347; past 1,000 a
     * "sentence" is text without sentence breaks (a list, a table, a scrape that lost its punctuation), and it is cut
     * between words so that no quote in an answer, no figure's sentence and no chunk inherits its length.
     */
    public static final int MAX_SENTENCE_CHARS = 1000;

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
        String line = text.substring(from, to);
        iterator.setText(line);
        int start = iterator.first();
        for (int end = iterator.next(); end != BreakIterator.DONE; end = iterator.next()) {
            if (end < line.length() && NO_BREAK_AFTER.matcher(line.substring(start, end).stripTrailing()).find()) {
                continue;
            }
            addCut(text, from + start, from + end, out);
            start = end;
        }
    }

    /** Adds the sentence {@code [start, end)}, in pieces of at most {@link #MAX_SENTENCE_CHARS} cut at spaces. */
    private static void addCut(String text, int start, int end, List<Span> out) {
        while (end - start > MAX_SENTENCE_CHARS) {
            int cut = start + MAX_SENTENCE_CHARS;
            int space = cut;
            while (space > start + MAX_SENTENCE_CHARS / 2 && !Character.isWhitespace(text.charAt(space))) {
                space--;
            }
            if (Character.isWhitespace(text.charAt(space))) {
                cut = space;
            } else if (Character.isLowSurrogate(text.charAt(cut))) {
                cut--;
            }
            Span piece = Span.trimmed(text, start, cut);
            if (piece != null) {
                out.add(piece);
            }
            start = cut;
        }
        Span rest = Span.trimmed(text, start, end);
        if (rest != null) {
            out.add(rest);
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
