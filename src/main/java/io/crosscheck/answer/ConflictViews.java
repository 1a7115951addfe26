package io.crosscheck.answer;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.crosscheck.figures.ConflictAnalyzer;
import io.crosscheck.figures.MeasureVerdict;
import io.crosscheck.figures.ReportedFigure;

/**
 * A measure as an answer shows it: one entry per distinct figure, so that a value repeated by many articles is read
 * once with every article that repeats it, and the list stays readable at any corpus size.
 */
public final class ConflictViews {

    private static final String PERCENT = "percent";

    private ConflictViews() {
    }

    /**
     * What makes two reported figures the same figure: bounds, unit, as-of date (the date the figure is shown with:
     * the one its text states, else its article's), derived or not, and who gave it.
     */
    record Key(Double low, Double high, String unit, LocalDate asOf, boolean derived, String source) {

        static Key of(ReportedFigure f) {
            String who = f.attribution() != null ? f.attribution() : f.outlet() != null ? f.outlet() : f.articleId();
            return new Key(f.low(), f.high(), f.unit(), shownDate(f), f.derived(), who.strip().toLowerCase(Locale.ROOT));
        }
    }

    private static LocalDate shownDate(ReportedFigure f) {
        return f.asOf() != null ? f.asOf() : f.published();
    }

    /**
     * The measure with its distinct figures, the stated ones first and those computed from them after, each group by
     * date (a figure's as-of date, else its earliest article's date; undated last), and its summary written the same
     * way; {@code n} is left null for the caller to number.
     */
    public static ChatResponse.ConflictView of(MeasureVerdict measure, Long storyId, String story) {
        Map<Key, List<ReportedFigure>> distinct = new LinkedHashMap<>();
        measure.figures().stream().sorted(Comparator.comparing(ReportedFigure::published, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ReportedFigure::articleId).thenComparingInt(ReportedFigure::start))
                .forEach(f -> distinct.computeIfAbsent(Key.of(f), k -> new ArrayList<>()).add(f));
        List<ChatResponse.FigureView> figures = new ArrayList<>();
        for (List<ReportedFigure> same : distinct.values()) {
            ReportedFigure first = bestSpelled(same);
            LocalDate date = shownDate(first);
            List<ChatResponse.Source> sources = same.stream().map(f -> new ChatResponse.Source(f.articleId(), f.outlet(), null))
                    .distinct().toList();
            figures.add(new ChatResponse.FigureView(first.span(), first.low(), first.high(), first.unit(), first.attribution(),
                    first.articleId(), first.sentence(), null, first.derived(), date == null ? null : date.toString(),
                    sources));
        }
        List<ChatResponse.FigureView> statedFirst = figures.stream().sorted(Comparator.comparing(ChatResponse.FigureView::derived)
                .thenComparing(ChatResponse.FigureView::asOf, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new ChatResponse.ConflictView(measure.measureId(), measure.label(), measure.status().apiName(),
                summary(measure, statedFirst), storyId, story, statedFirst);
    }

    /**
     * The measure in one line, its stated figures first and the figures computed from them after, marked as computed
     * ("Sources disagree: about 300 (Seoul), up to 4,000 (Kyiv); computed from these: 3,000–5,500"): a number the
     * service worked out never reads as one a source gave.
     */
    static String summary(MeasureVerdict measure, List<ChatResponse.FigureView> figures) {
        List<ChatResponse.FigureView> stated = figures.stream().filter(f -> !f.derived()).toList();
        List<ChatResponse.FigureView> derived = figures.stream().filter(ChatResponse.FigureView::derived).toList();
        boolean changes = measure.changesOverTime();
        MeasureVerdict.Status status = measure.status();
        String prefix = switch (status) {
            case CONFLICT -> changes ? "Sources disagree (and estimates changed over time): " : "Sources disagree: ";
            case SINGLE_SOURCE -> changes ? "Single source, estimates changed over time: " : "Single source: ";
            case CONSISTENT -> changes ? "Estimates changed over time: " : "Sources agree: ";
        };
        if (stated.isEmpty()) {
            return prefix + "computed figures only: " + range(derived).orElse(computedValues(derived));
        }
        String computed = derived.isEmpty() ? "" : "; computed from these: " + range(derived).orElse(computedValues(derived));
        if (status == MeasureVerdict.Status.CONSISTENT && !changes) {
            long articles = stated.stream().flatMap(f -> f.sources().stream()).map(ChatResponse.Source::articleId).distinct().count();
            return prefix + range(stated).orElse(listed(stated, false, ", ")) + " (" + ConflictAnalyzer.articles(articles) + ")" + computed;
        }
        return prefix + listed(stated, changes, changes && status != MeasureVerdict.Status.CONFLICT ? " → " : ", ") + computed;
    }

    /** Each figure as "value (date, source)", the date only when estimates changed over time; repeats once. */
    private static String listed(List<ChatResponse.FigureView> figures, boolean dated, String separator) {
        Set<String> parts = new LinkedHashSet<>();
        for (ChatResponse.FigureView f : figures) {
            String when = dated && f.asOf() != null ? f.asOf() + ", " : "";
            parts.add(f.value() + " (" + when + source(f) + ")");
        }
        return String.join(separator, parts);
    }

    private static String source(ChatResponse.FigureView f) {
        if (f.attribution() != null) {
            return f.attribution();
        }
        String outlet = f.sources().isEmpty() ? null : f.sources().get(0).outlet();
        return outlet != null ? outlet : f.articleId();
    }

    /**
     * The span of the figures' bounds ("3,000–5,500"), shares left out when there are counts. The unit is written when
     * the figures write it ("3 weeks"), not when it is the counted thing the label names ("soldiers", "troops"); empty
     * when they write different units ("2 weeks", "10 days"), which one span cannot show.
     */
    private static Optional<String> range(List<ChatResponse.FigureView> figures) {
        List<ChatResponse.FigureView> numeric = figures.stream().filter(f -> f.low() != null || f.high() != null).toList();
        List<ChatResponse.FigureView> counts = numeric.stream().filter(f -> !PERCENT.equals(f.unit())).toList();
        List<ChatResponse.FigureView> ranged = counts.isEmpty() ? numeric : counts;
        List<String> written = ranged.stream().map(ConflictViews::writtenUnit).distinct().toList();
        if (ranged.isEmpty() || written.size() > 1) {
            return Optional.empty();
        }
        double min = ranged.stream().mapToDouble(f -> f.low() != null ? f.low() : f.high()).min().orElseThrow();
        double max = ranged.stream().mapToDouble(f -> f.high() != null ? f.high() : f.low()).max().orElseThrow();
        return Optional.of((min == max ? number(min) : number(min) + "–" + number(max)) + written.get(0));
    }

    /** The unit as a figure writes it after its number ("%", " weeks"), or "" for a count of the measure's thing. */
    private static String writtenUnit(ChatResponse.FigureView f) {
        if (PERCENT.equals(f.unit())) {
            return "%";
        }
        return f.unit() != null && !f.derived() && f.value().toLowerCase(Locale.ROOT).contains(f.unit().toLowerCase(Locale.ROOT))
                ? " " + f.unit() : "";
    }

    /** Computed figures by their numbers ("up to 4,400", "at least 3,000"), never by the text they were computed from. */
    private static String computedValues(List<ChatResponse.FigureView> derived) {
        return derived.stream().filter(f -> f.low() != null || f.high() != null).map(f -> {
            if (f.low() != null && f.high() != null) {
                return f.low().equals(f.high()) ? number(f.low()) : number(f.low()) + "–" + number(f.high());
            }
            return f.low() != null ? "at least " + number(f.low()) : "up to " + number(f.high());
        }).distinct().collect(Collectors.joining(", "));
    }

    private static String number(double value) {
        DecimalFormat format = new DecimalFormat(value >= 100 ? "#,##0" : "#,##0.#", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(value);
    }

    /**
     * The figure shown for several that differ only in how their source is cased ("Seoul" in one sentence, "seoul"
     * in another): the one whose source has the most capitals, as a proper name lower-cased in one mention is a slip
     * of that mention; among equals the earliest. Its quote is shown with it, so the two always agree.
     */
    private static ReportedFigure bestSpelled(List<ReportedFigure> same) {
        ReportedFigure best = same.get(0);
        for (ReportedFigure candidate : same) {
            if (capitals(candidate.attribution()) > capitals(best.attribution())) {
                best = candidate;
            }
        }
        return best;
    }

    private static long capitals(String text) {
        return text == null ? 0 : text.chars().filter(Character::isUpperCase).count();
    }

    /** How many distinct articles report the figure. */
    static long articles(ChatResponse.FigureView figure) {
        return figure.sources().stream().map(ChatResponse.Source::articleId).filter(Objects::nonNull).distinct().count();
    }
}
