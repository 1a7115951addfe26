package io.crosscheck.figures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time expressions of a sentence ("on Monday", "by Sunday morning", "in October 2024", "October 18, 2024",
 * "in January", "yesterday", "in 2017") and resolves them against the article's date when the text leaves the year
 * or week implicit. An expression the article date cannot resolve keeps its text and no date.
 */
public final class TimeReferences {

    /** The month names, lower case, as a regular-expression alternation; read case-insensitively. */
    public static final String MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december";
    /** Month names as a date writes them, capitalised: "10 may have died" is no date, "May 10" is. */
    private static final String NAMED_MONTHS = "(?-i:January|February|March|April|May|June|July|August|September|October"
            + "|November|December)";
    private static final String WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final Pattern EXPRESSION = Pattern.compile("(?i)"
            + "(?<full>\\b(?<m1>" + MONTHS + ")\\s+(?<d1>\\d{1,2}),?\\s+(?<y1>\\d{4})\\b|\\b(?<d2>\\d{1,2})\\s+(?<m2>" + MONTHS + ")\\s+(?<y2>\\d{4})\\b)"
            + "|(?<monthYear>\\b(?:in|by|since|during)\\s+(?:(?:early|mid|late)[\\s-])?(?<m3>" + MONTHS + ")\\s+(?<y3>\\d{4})\\b)"
            + "|(?<weekday>\\b(?:on|by|since|last|until|this)\\s+(?<wd>" + WEEKDAYS + ")(?:\\s+(?:morning|afternoon|evening|night))?\\b"
            + "|\\b(?<wd2>" + WEEKDAYS + ")\\s+(?:morning|afternoon|evening|night)\\b)"
            + "|(?<monthDay>\\b(?<m5>" + NAMED_MONTHS + ")\\s+(?<d3>\\d{1,2})(?:st|nd|rd|th)?\\b(?!,?\\s+\\d)"
            + "|\\b(?<d4>\\d{1,2})(?:st|nd|rd|th)?\\s+(?<m6>" + NAMED_MONTHS + ")\\b(?!,?\\s+\\d))"
            + "|(?<month>\\b(?:in|by|since|during|until)\\s+(?:(?:early|mid|late)[\\s-])?(?<m4>" + MONTHS + ")\\b(?!\\s+\\d))"
            + "|(?<relative>\\b(?:yesterday|today|last night|this morning|overnight)\\b)"
            + "|(?<year>\\b(?:in|by|during|of)\\s+(?:(?:early|mid|late)[\\s-])?(?<y4>(?:18|19|20)\\d{2})\\b"
            + "|\\bsince\\s+(?<y5>(?:18|19|20)\\d{2}),\\s+when\\b)");

    /**
     * A phrase that says only when, with no one in it: "Monday", "on Tuesday morning", "last week", "earlier this
     * month", "in March", "yesterday". Wider than {@link #EXPRESSION}, which must resolve to a date.
     */
    private static final Pattern WHEN_ALONE = Pattern.compile("(?i)(?:(?:on|in|by|since|during|until|last|this|next|early|"
            + "late|earlier|later|mid)[\\s-]+)*(?:" + MONTHS + "|" + WEEKDAYS + "|yesterday|today|tonight|overnight|day|week|"
            + "weekend|month|year|morning|afternoon|evening|night)(?:\\s+(?:\\d{1,2}|morning|afternoon|evening|night))?"
            + "(?:,?\\s+\\d{4})?");

    /** A reporting verb right before a time expression: "said on Wednesday" dates the report, not the event. */
    private static final Pattern REPORTED_AT = Pattern.compile(
            "(?i)\\b(?:said|says|announced|reported|told reporters|confirmed|added|stated|estimated|update)\\s+$");
    /** How far back from a time expression a reporting verb is looked for. */
    private static final int REPORTING_VERB_REACH = 30;

    /**
     * A time expression of a sentence with its offsets and the date it resolves to (null if it cannot);
     * {@code day} when it names a single day ("on Saturday", "March 8", "yesterday") rather than a month or year.
     */
    record Expression(String text, int start, int end, LocalDate date, boolean day) {
    }

    private TimeReferences() {
    }

    static List<Expression> find(String text, int from, int to, LocalDate articleDate) {
        List<Expression> found = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(text).region(from, to);
        while (matcher.find()) {
            boolean day = matcher.group("full") != null || matcher.group("monthDay") != null
                    || matcher.group("weekday") != null || matcher.group("relative") != null;
            found.add(new Expression(matcher.group().trim(), matcher.start(), matcher.end(), resolve(matcher, articleDate),
                    day));
        }
        return found;
    }

    /** Whether a time expression dates the report ("officials said on Wednesday") rather than what is reported. */
    static boolean datesTheReport(String text, Expression time) {
        return REPORTED_AT.matcher(text.substring(Math.max(0, time.start() - REPORTING_VERB_REACH), time.start())).find();
    }

    /**
     * The day the event a figure counts took place, read from its sentence: "were killed in the bombing on Saturday",
     * "marched through the capital on March 8". A day that dates the report, a month or a year, or a day after the
     * article's date does not count; with several days, the one nearest the figure. Null when the sentence names none.
     */
    static LocalDate occasion(ExtractedFigure figure, LocalDate articleDate) {
        String sentence = figure.sentence();
        int at = figure.start() - figure.sentenceStart();
        Expression nearest = null;
        for (Expression time : find(sentence, 0, sentence.length(), articleDate)) {
            if (!time.day() || time.date() == null || datesTheReport(sentence, time)
                    || articleDate != null && time.date().isAfter(articleDate)
                    || time.start() < at + figure.span().length() && at < time.end()) {
                continue;
            }
            if (nearest == null || Math.abs(time.start() - at) < Math.abs(nearest.start() - at)) {
                nearest = time;
            }
        }
        return nearest == null ? null : nearest.date();
    }

    /** The day a figure's sentence says it was reported ("said on Wednesday"), or null. */
    static LocalDate reportedOn(ExtractedFigure figure, LocalDate articleDate) {
        String sentence = figure.sentence();
        for (Expression time : find(sentence, 0, sentence.length(), articleDate)) {
            if (time.date() != null && datesTheReport(sentence, time)) {
                return time.date();
            }
        }
        return null;
    }

    /** Whether a phrase is a time expression and nothing else ("On Monday", "Last week"). */
    static boolean saysOnlyWhen(String phrase) {
        String stripped = phrase.strip();
        return WHEN_ALONE.matcher(stripped).matches() || EXPRESSION.matcher(stripped).matches();
    }

    /** "the first estimate of", "from" or "down from" right before a figure: it is an earlier value. */
    static String earlierMarker(String textBefore) {
        Matcher earlier = Pattern.compile("(?i)\\b(?:(?:first|initial|earlier|previous|original|prior)\\s+(?:estimate|figure|count|toll|tally|forecast)\\s+of"
                + "|(?:down|up)\\s+from|from)\\s+$").matcher(textBefore);
        return earlier.find() ? earlier.group().trim() : null;
    }

    private static LocalDate resolve(Matcher m, LocalDate articleDate) {
        if (m.group("full") != null) {
            String month = m.group("m1") != null ? m.group("m1") : m.group("m2");
            String day = m.group("d1") != null ? m.group("d1") : m.group("d2");
            String year = m.group("y1") != null ? m.group("y1") : m.group("y2");
            return safeDate(Integer.parseInt(year), month(month), Integer.parseInt(day));
        }
        if (m.group("monthYear") != null) {
            return safeDate(Integer.parseInt(m.group("y3")), month(m.group("m3")), 1);
        }
        if (m.group("year") != null) {
            String year = m.group("y4") != null ? m.group("y4") : m.group("y5");
            return LocalDate.of(Integer.parseInt(year), 1, 1);
        }
        if (articleDate == null) {
            return null;
        }
        if (m.group("monthDay") != null) {
            Month month = month(m.group("m5") != null ? m.group("m5") : m.group("m6"));
            int day = Integer.parseInt(m.group("d3") != null ? m.group("d3") : m.group("d4"));
            LocalDate sameYear = safeDate(articleDate.getYear(), month, day);
            return sameYear.isAfter(articleDate) ? safeDate(articleDate.getYear() - 1, month, day) : sameYear;
        }
        if (m.group("weekday") != null) {
            String day = m.group("wd") != null ? m.group("wd") : m.group("wd2");
            return articleDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT))));
        }
        if (m.group("month") != null) {
            Month month = month(m.group("m4"));
            int year = month.getValue() > articleDate.getMonthValue() ? articleDate.getYear() - 1 : articleDate.getYear();
            return LocalDate.of(year, month, 1);
        }
        String relative = m.group("relative").toLowerCase(Locale.ROOT);
        return relative.equals("yesterday") || relative.equals("last night") || relative.equals("overnight")
                ? articleDate.minusDays(1) : articleDate;
    }

    private static Month month(String name) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return month;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static LocalDate safeDate(int year, Month month, int day) {
        return day >= 1 && day <= month.length(year % 4 == 0) ? LocalDate.of(year, month, day) : LocalDate.of(year, month, 1);
    }
}
