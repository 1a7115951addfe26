package io.crosscheck.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.crosscheck.text.SentenceSplitter;

/**
 * Holds an answer to its sources: citation markers must name a provided passage, and every number in a sentence
 * must occur in a passage that sentence cites. Markers that name no passage are removed; a sentence stating a number
 * its citations do not contain is dropped, since a wrong figure is worse than a shorter answer.
 */
public final class AnswerValidator {

    private static final Pattern MARKER = Pattern.compile("\\s?\\[(\\d{1,3})]");
    private static final Pattern ONLY_MARKERS = Pattern.compile("(\\[\\d{1,3}]\\s*)+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

    /** The checked answer and what was removed from it. */
    public record Result(String answer, List<Integer> removedMarkers, List<String> removedSentences) {
    }

    private AnswerValidator() {
    }

    public static Result validate(String answer, Citations citations) {
        List<Integer> removedMarkers = new ArrayList<>();
        Matcher markers = MARKER.matcher(answer);
        StringBuilder cleaned = new StringBuilder();
        while (markers.find()) {
            int n = Integer.parseInt(markers.group(1));
            boolean known = citations.get(n) != null;
            if (!known) {
                removedMarkers.add(n);
            }
            markers.appendReplacement(cleaned, known ? Matcher.quoteReplacement(markers.group()) : "");
        }
        markers.appendTail(cleaned);
        String text = cleaned.toString();

        List<String> removedSentences = new ArrayList<>();
        StringBuilder kept = new StringBuilder();
        int last = 0;
        for (SentenceSplitter.Span sentence : sentences(text)) {
            String s = sentence.of(text);
            if (unsupportedNumbers(s, citations).isEmpty()) {
                kept.append(text, last, sentence.end());
            } else {
                removedSentences.add(s);
                kept.append(text, last, sentence.start());
            }
            last = sentence.end();
        }
        kept.append(text.substring(last));
        return new Result(kept.toString().replaceAll("[ \\t]{2,}", " ").replaceAll("\\n{3,}", "\n\n").strip(),
                removedMarkers, removedSentences);
    }

    /** Sentences with trailing citation markers kept on the sentence they cite for ("… killed.” [2]"). */
    private static List<SentenceSplitter.Span> sentences(String text) {
        List<SentenceSplitter.Span> merged = new ArrayList<>();
        for (SentenceSplitter.Span span : SentenceSplitter.split(text)) {
            if (!merged.isEmpty() && ONLY_MARKERS.matcher(span.of(text)).matches()
                    && !text.substring(merged.get(merged.size() - 1).end(), span.start()).contains("\n")) {
                merged.set(merged.size() - 1, new SentenceSplitter.Span(merged.get(merged.size() - 1).start(), span.end()));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** Numbers of the sentence found in none of the quotes it cites (every number is unsupported when it cites none). */
    public static Set<String> unsupportedNumbers(String sentence, Citations citations) {
        Set<Integer> cited = new TreeSet<>();
        Matcher markers = MARKER.matcher(sentence);
        while (markers.find()) {
            cited.add(Integer.parseInt(markers.group(1)));
        }
        String withoutMarkers = MARKER.matcher(sentence).replaceAll(" ");
        String sources = cited.stream().map(citations::get).filter(c -> c != null)
                .map(c -> normalize(c.quote())).collect(Collectors.joining("\n"));
        Set<String> unsupported = new TreeSet<>();
        Matcher numbers = NUMBER.matcher(withoutMarkers);
        while (numbers.find()) {
            String number = normalize(numbers.group());
            if (!Pattern.compile("(?<![\\d.])" + Pattern.quote(number) + "(?![\\d])").matcher(sources).find()) {
                unsupported.add(numbers.group());
            }
        }
        return unsupported;
    }

    private static String normalize(String text) {
        return text.replaceAll("(?<=\\d),(?=\\d{3})", "");
    }
}
