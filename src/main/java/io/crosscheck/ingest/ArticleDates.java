package io.crosscheck.ingest;

import io.crosscheck.problem.ProblemException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads a publication date given as an ISO date or date-time; only the calendar date is kept. */
public final class ArticleDates {

    private ArticleDates() {
    }

    /** @throws ProblemException (400) when the value is neither an ISO date nor an ISO date-time */
    public static LocalDate parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() <= 10 ? LocalDate.parse(value) : OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Invalid publishedAt",
                    "publishedAt '" + value + "' is not an ISO date (2025-02-07) or date-time (2025-02-07T10:00:00Z)");
        }
    }
}
