package io.crosscheck.figures;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Names for measures that grouping could not name from an event word or a counted noun. */
final class MeasureLabels {

    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    private static final Set<String> FUNCTION_WORDS = Set.of("that", "with", "from", "have", "been", "were", "this", "their",
            "said", "says", "about", "more", "than", "over", "after", "which", "would", "could", "also", "some", "they", "there",
            "what", "when", "where", "other", "into", "since", "according", "will", "while", "them", "those", "these", "then",
            "only", "most", "many", "much", "such", "just", "like", "before", "under", "between", "during", "against", "because",
            "still", "even", "both", "each", "very", "least", "up", "told", "added", "around", "nearly", "almost", "estimated");

    private MeasureLabels() {
    }

    /**
     * A measure grouped without an event word or a counted noun ("about 6,500 hectares", "about 1,900") is named by
     * its unit and the words its sentences share most ("hectares: burned, fire"), so that readers and questions can
     * find it; one with nothing to go by keeps its empty name and is left out.
     */
    static MeasureVerdict named(MeasureVerdict verdict) {
        if (verdict.label() != null && !verdict.label().isBlank()) {
            return verdict;
        }
        Map<String, Integer> sentencesWith = new HashMap<>();
        for (ReportedFigure figure : verdict.figures()) {
            Set<String> words = new HashSet<>();
            Matcher word = WORD.matcher(figure.sentence());
            while (word.find()) {
                String w = word.group();
                if (Character.isLowerCase(w.charAt(0)) && !FUNCTION_WORDS.contains(w) && !figure.span().contains(w)) {
                    words.add(w);
                }
            }
            words.forEach(w -> sentencesWith.merge(w, 1, Integer::sum));
        }
        List<String> top = sentencesWith.entrySet().stream()
                .sorted(Map.Entry.<String, Integer> comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(2).map(Map.Entry::getKey).toList();
        String unit = verdict.figures().get(0).unit();
        String prefix = unit == null || unit.equals("count") ? "" : unit + ": ";
        String label = top.isEmpty() ? "" : prefix + String.join(", ", top);
        return verdict.withLabel(label);
    }
}
