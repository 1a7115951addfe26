package io.crosscheck.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import io.crosscheck.text.SentenceSplitter;
import io.crosscheck.text.SentenceSplitter.Span;

/**
 * Packs whole sentences into chunks of roughly {@code targetTokens}, never cutting a sentence, and repeats the last
 * short sentences of a chunk at the start of the next so that a fact spanning the boundary is retrievable from
 * either side.
 */
public final class Chunker {

    /** A chunk's place in the cleaned text: {@code text.substring(start, end)} is its content. */
    public record Piece(int ordinal, int start, int end, int tokens) {
    }

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
        List<Span> sentences = SentenceSplitter.split(text);
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
