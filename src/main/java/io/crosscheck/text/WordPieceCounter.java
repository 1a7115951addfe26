package io.crosscheck.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Counts BERT WordPiece tokens (uncased English vocabulary, as bge-small and MiniLM use) in pure Java: basic
 * tokenisation on whitespace and punctuation, then greedy longest-match sub-words. The native Hugging Face tokenizer
 * gives the same counts but can be loaded by only one class loader per JVM, which breaks mixed test runs.
 */
public final class WordPieceCounter {

    private static final String VOCABULARY = "bert-vocabulary-en.txt";
    private static final int MAX_WORD_CHARS = 100;
    private static final Set<String> VOCAB = load();

    private WordPieceCounter() {
    }

    public static int count(String text) {
        String normalized = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        int tokens = 0;
        int i = 0;
        while (i < normalized.length()) {
            char c = normalized.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (!Character.isLetterOrDigit(c)) {
                tokens++;
                i++;
            } else {
                int end = i;
                while (end < normalized.length() && Character.isLetterOrDigit(normalized.charAt(end))) {
                    end++;
                }
                tokens += pieces(normalized.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static int pieces(String word) {
        if (word.length() > MAX_WORD_CHARS) {
            return 1;
        }
        int count = 0;
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            while (end > start && !VOCAB.contains(start == 0 ? word.substring(start, end) : "##" + word.substring(start, end))) {
                end--;
            }
            if (end == start) {
                return 1; // [UNK] stands for the whole word
            }
            count++;
            start = end;
        }
        return count;
    }

    private static Set<String> load() {
        try (InputStream in = WordPieceCounter.class.getClassLoader().getResourceAsStream(VOCABULARY)) {
            if (in == null) {
                throw new IllegalStateException(VOCABULARY + " (from langchain4j-embeddings) is not on the classpath");
            }
            Set<String> vocabulary = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().forEach(vocabulary::add);
            return vocabulary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
