package io.crosscheck.figures;

import java.time.LocalDate;
import java.util.Set;

import io.crosscheck.figures.Quantity.Kind;

/**
 * A figure an article states, with offsets into the cleaned text.
 *
 * @param span        the verbatim qualifier and number ("up to 40%", "an estimated 10,000 to 12,000")
 * @param low         lower bound, null when open ("up to 40%")
 * @param high        upper bound, null when open ("at least 300")
 * @param qualifier   normalised qualifier ("approximately", "up to", "at least", "range", "additional") or null
 * @param unit        "percent", a currency code, a duration or measurement unit, "since" for a start time, else
 *                    the head noun of what is counted ("soldiers") or "count"
 * @param percentOf   for a share, the phrase it is a share of ("personnel"), else null
 * @param counted     the counted noun phrase ("North Korean soldiers"), null when the text does not name it
 * @param event       the event class quantified ("killed", "wounded", "casualties", "deployed", "absent", ...)
 * @param attribution who the article says gave the figure, null when it does not say
 * @param asOfText    the time expression the figure refers to, as written, or null
 * @param asOf        that time resolved to a date, null when the text does not allow it
 * @param kind        what sort of number it is, decided once at extraction and persisted with it
 */
public record ExtractedFigure(String span, int start, int end, Double low, Double high, boolean approximate,
        String qualifier, String unit, String percentOf, String counted, String event, String attribution,
        String asOfText, LocalDate asOf, int sentenceStart, int sentenceEnd, String sentence, Kind kind) {

    private static final Set<String> DURATION_UNITS = Set.of("seconds", "minutes", "hours", "days", "weeks", "months",
            "years", "decades", "centuries");

    /** The kind a figure's unit and counted phrase say it is (a three-letter upper-case unit is a currency code). */
    static Kind classify(String unit, String counted) {
        if (unit == null || unit.equals("count")) {
            return Kind.COUNT;
        }
        if (unit.equals("percent")) {
            return Kind.PERCENT;
        }
        if (unit.equals("since")) {
            return Kind.TIME_REFERENCE;
        }
        if (DURATION_UNITS.contains(unit)) {
            return Kind.DURATION;
        }
        if (unit.length() == 3 && unit.equals(unit.toUpperCase(java.util.Locale.ROOT))) {
            return Kind.MONEY;
        }
        return counted == null && NumberGrammar.isMeasurementUnit(unit) ? Kind.MEASUREMENT : Kind.COUNT;
    }
}
