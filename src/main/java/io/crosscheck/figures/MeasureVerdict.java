package io.crosscheck.figures;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether the sources reporting one measure agree.
 *
 * @param changesOverTime    true when figures differ but were stated for different dates
 * @param selfContradictions articles whose own figures for this measure cannot both hold, described in words
 * @param events             the event classes its figures quantify ("killed", "deployed" …), as extracted
 */
public record MeasureVerdict(String measureId, String label, Status status, boolean changesOverTime, String summary,
        List<ReportedFigure> figures, List<String> selfContradictions, List<String> events) {

    public enum Status {
        /** Figures that cannot both hold for the same thing at the same time. */
        CONFLICT("conflict"),
        /** Overlapping ranges, roundings, or differences explained by dates. */
        CONSISTENT("consistent"),
        /** Every figure comes from one article and no named sources in it disagree. */
        SINGLE_SOURCE("single-source");

        private final String apiName;

        Status(String apiName) {
            this.apiName = apiName;
        }

        /** The verdict as every API, the web page and Slack spell it. */
        @JsonValue
        public String apiName() {
            return apiName;
        }

        public static Status ofApiName(String name) {
            for (Status status : values()) {
                if (status.apiName.equals(name)) {
                    return status;
                }
            }
            throw new IllegalArgumentException(name);
        }
    }

    MeasureVerdict withId(String id) {
        return new MeasureVerdict(id, label, status, changesOverTime, summary, figures, selfContradictions, events);
    }

    MeasureVerdict withLabel(String newLabel) {
        return new MeasureVerdict(measureId, newLabel, status, changesOverTime, summary, figures, selfContradictions, events);
    }
}
