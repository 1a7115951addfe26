package io.crosscheck.figures;

import java.util.List;

/**
 * Whether the sources reporting one measure agree.
 *
 * @param changesOverTime    true when figures differ but were stated for different dates
 * @param selfContradictions articles whose own figures for this measure cannot both hold, described in words
 */
public record MeasureVerdict(String measureId, String label, Status status, boolean changesOverTime, String summary,
        List<ReportedFigure> figures, List<String> selfContradictions) {

    public enum Status {
        /** Figures that cannot both hold for the same thing at the same time. */
        CONFLICT,
        /** Overlapping ranges, roundings, or differences explained by dates. */
        CONSISTENT,
        /** Every figure comes from one article and no named sources in it disagree. */
        SINGLE_SOURCE
    }
}
