package io.crosscheck.answer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.crosscheck.figures.MeasureVerdict;
import io.crosscheck.figures.ReportedFigure;

/**
 * A measure as an answer shows it: one entry per distinct figure, so that a value repeated by many articles is read
 * once with every article that repeats it, and the list stays readable at any corpus size.
 */
public final class ConflictViews {

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
     * The measure with its distinct figures, ordered by date as before (a figure's as-of date, else its earliest
     * article's date; undated last); {@code n} is left null for the caller to number.
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
        List<ChatResponse.FigureView> byDate = figures.stream()
                .sorted(Comparator.comparing(ChatResponse.FigureView::asOf, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return new ChatResponse.ConflictView(measure.measureId(), measure.label(), measure.status().apiName(),
                measure.summary(), storyId, story, byDate);
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
