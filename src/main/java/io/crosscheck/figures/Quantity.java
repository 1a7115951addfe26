package io.crosscheck.figures;

/**
 * One numeric mention found by {@link NumberGrammar}: its bounds after reading the qualifier, and offsets into the
 * text it was found in. {@code end} covers the qualifier, the number and any unit word that belongs to the number
 * ("%", "per cent", "weeks", "euros"): the counted noun phrase, if any, starts after it.
 */
public record Quantity(int start, int end, Double low, Double high, boolean approximate, String qualifier,
        String unit, Kind kind) {

    public enum Kind {
        /** A count of things; the counted noun follows the number. */
        COUNT,
        PERCENT,
        MONEY,
        DURATION,
        /** A physical measurement with its unit ("300 millimetres", "4.2-kilometre"). */
        MEASUREMENT,
        /** A point in time that a duration runs from ("since mid-January"): no numeric bounds. */
        TIME_REFERENCE
    }
}
