package io.crosscheck.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.crosscheck.text.SentenceSplitter;
import io.crosscheck.text.SentenceSplitter.Span;

/**
 * Packs whole sentences into chunks of roughly {@code targetTokens}, and repeats the last short sentences of a chunk
 * at the start of the next so that a fact spanning the boundary is retrievable from either side. No chunk holds more
 * than {@code maxTokens}: a longer sentence (text without sentence breaks) is cut between words, and a word longer
 * than that (a run of symbols) between characters.
 */
public final class Chunker {

    /** A chunk's place in the cleaned text: {@code text.substring(start, end)} is its content. */
    public record Piece(int ordinal, int start, int end, int tokens) {
    }

    private static final Pattern WORD = Pattern.compile("\\S+");

    private final int minTokens;
    private final int targetTokens;
    private final int maxTokens;
    private final int overlapTokens;
    private final ToIntFunction<String> tokenCounter;

    public Chunker(int minTokens, int targetTokens, int maxTokens, int overlapTokens, ToIntFunction<String> tokenCounter) {
        if (!(0 < minTokens && minTokens <= targetTokens && targetTokens <= maxTokens && overlapTokens < minTokens)) {
            throw new IllegalArgumentException("chunk sizes must satisfy 0 < min <= target <= max and overlap < min");
        }
        this.minTokens = minTokens;
        this.targetTokens = targetTokens;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.tokenCounter = tokenCounter;
    }

    public List<Piece> chunk(String text) {
        List<Span> sentences = new ArrayList<>();
        SentenceSplitter.split(text).forEach(sentence -> sentences.addAll(withinLimit(text, sentence)));
        int[] tokens = sentences.stream().mapToInt(s -> tokenCounter.applyAsInt(s.of(text))).toArray();
        List<Piece> pieces = new ArrayList<>();
        int first = 0;
        while (first < sentences.size()) {
            int last = first;
            int total = tokens[first];
            while (last + 1 < sentences.size() && total < targetTokens && total + tokens[last + 1] <= maxTokens
                    && !(total >= minTokens && startsParagraph(text, sentences.get(last), sentences.get(last + 1)))) {
                last++;
                total += tokens[last];
            }
            pieces.add(new Piece(pieces.size(), sentences.get(first).start(), sentences.get(last).end(), total));
            if (last + 1 >= sentences.size()) {
                break;
            }
            first = overlapStart(tokens, first, last);
        }
        return pieces;
    }

    /** The sentence itself, or consecutive runs of its words that each hold at most maxTokens. */
    private List<Span> withinLimit(String text, Span sentence) {
        if (tokenCounter.applyAsInt(sentence.of(text)) <= maxTokens) {
            return List.of(sentence);
        }
        List<Span> runs = new ArrayList<>();
        Matcher word = WORD.matcher(text).region(sentence.start(), sentence.end());
        int start = -1;
        int end = -1;
        int total = 0;
        while (word.find()) {
            int tokens = tokenCounter.applyAsInt(word.group());
            if (start >= 0 && total + tokens > maxTokens) {
                runs.add(new Span(start, end));
                start = -1;
                total = 0;
            }
            if (tokens > maxTokens) {
                // no word piece is shorter than a character, so maxTokens characters never hold more tokens
                for (int from = word.start(), to; from < word.end(); from = to) {
                    to = Math.min(word.end(), from + maxTokens);
                    if (to < word.end() && Character.isLowSurrogate(text.charAt(to))) {
                        to--;
                    }
                    runs.add(new Span(from, to));
                }
                continue;
            }
            start = start < 0 ? word.start() : start;
            end = word.end();
            total += tokens;
        }
        if (start >= 0) {
            runs.add(new Span(start, end));
        }
        return runs;
    }

    /** The first sentence of the next chunk: trailing sentences of this one that fit in the overlap budget. */
    private int overlapStart(int[] tokens, int first, int last) {
        int next = last + 1;
        int overlap = 0;
        while (next - 1 > first && overlap + tokens[next - 1] <= overlapTokens) {
            overlap += tokens[next - 1];
            next--;
        }
        return next;
    }

    private static boolean startsParagraph(String text, Span previous, Span next) {
        return text.substring(previous.end(), next.start()).contains("\n\n");
    }
}
