package io.crosscheck.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Double quotation marks, typographic (“ ”) and straight ("), in a sentence cut out of its paragraph. A quotation
 * running over several sentences opens in one and closes in another, so a single sentence of it has a mark without its
 * partner; single marks are left alone, since ’ is far more often an apostrophe than a quote.
 */
public final class QuoteMarks {

    private static final char OPEN = '“';
    private static final char CLOSE = '”';
    private static final char STRAIGHT = '"';

    private QuoteMarks() {
    }

    public static boolean hasAny(String text) {
        return text.indexOf(OPEN) >= 0 || text.indexOf(CLOSE) >= 0 || text.indexOf(STRAIGHT) >= 0;
    }

    /**
     * The text with the partner of every unmatched mark added: a closing mark at the end for a quotation the sentence
     * opens, an opening mark at the start for one it closes, as an excerpt of a longer quotation is written.
     */
    public static String balanced(String text) {
        Deque<Character> open = new ArrayDeque<>();
        StringBuilder missingOpenings = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == OPEN || c == STRAIGHT && opensAt(text, i)) {
                open.push(c);
            } else if (c == CLOSE || c == STRAIGHT) {
                char partner = c == CLOSE ? OPEN : STRAIGHT;
                if (open.isEmpty()) {
                    missingOpenings.insert(0, partner);
                } else {
                    open.pop();
                }
            }
        }
        StringBuilder result = new StringBuilder(missingOpenings).append(text);
        while (!open.isEmpty()) {
            result.append(open.pop() == OPEN ? CLOSE : STRAIGHT);
        }
        return result.toString();
    }

    /** Whether every closing mark has an opening one before it and every opening one is closed. */
    public static boolean areBalanced(String text) {
        return balanced(text).equals(text);
    }

    /** A straight mark opens a quotation where a word could start: at the start, or after a space or bracket. */
    private static boolean opensAt(String text, int index) {
        if (index == 0) {
            return true;
        }
        char before = text.charAt(index - 1);
        return Character.isWhitespace(before) || before == '(' || before == '[' || before == '—' || before == '–';
    }
}
