package io.crosscheck.figures;

import java.time.LocalDate;
import java.util.List;

/**
 * One figure as a verdict shows it: where it was read, who gave it, and, for a derived figure (a total of parts, a
 * share converted to a count), the spans it was computed from. {@code published} is its article's date.
 */
public record ReportedFigure(String articleId, String title, String outlet, String attribution, String span,
        Double low, Double high, String unit, String qualifier, String sentence, int start, int end,
        int sentenceStart, int sentenceEnd, LocalDate asOf, String asOfText, boolean derived, List<String> derivedFrom,
        LocalDate published) {
}
