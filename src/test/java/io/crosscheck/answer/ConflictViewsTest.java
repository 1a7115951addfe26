package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.MeasureVerdict;
import io.crosscheck.figures.ReportedFigure;

class ConflictViewsTest {

    private static ReportedFigure figure(String attribution, String sentence, int start) {
        return new ReportedFigure("a1", "Floods", "Daily Post", attribution, "40", 40.0, 40.0, "homes", null, sentence,
                start, start + 2, start, start + sentence.length(), null, null, false, List.of(), LocalDate.of(2026, 3, 2));
    }

    @Test
    void sourcesThatDifferOnlyInCaseAreShownOnceAsTheBestCasedMention() {
        ReportedFigure slip = figure("Lyon and nice", "Lyon and nice said 40 homes were flooded.", 0);
        ReportedFigure proper = figure("Lyon and Nice", "Lyon and Nice said 40 homes were flooded.", 200);
        MeasureVerdict measure = new MeasureVerdict("floods/homes", "homes flooded", MeasureVerdict.Status.SINGLE_SOURCE,
                false, "Single source: 40", List.of(slip, proper), List.of(), List.of("flooded"));

        List<ChatResponse.FigureView> figures = ConflictViews.of(measure, 1L, "Floods").figures();

        assertEquals(1, figures.size());
        assertEquals("Lyon and Nice", figures.get(0).attribution());
        assertEquals("Lyon and Nice said 40 homes were flooded.", figures.get(0).quote());
    }

    /** A figure of a water-main story: who gave it, its bounds, derived or not, and its article's date. */
    private static ReportedFigure households(String article, String attribution, String span, Double low, Double high,
            boolean derived, LocalDate published) {
        String sentence = attribution + " said " + span + " households were without water.";
        int start = attribution.length() + 6;
        return new ReportedFigure(article, "Water main bursts", "Valley Courier", attribution, span, low, high, "households",
                null, sentence, start, start + span.length(), 0, sentence.length(), null, null, derived,
                derived ? List.of("a third of 45,000 households") : List.of(), published);
    }

    @Test
    void theSummaryNamesStatedFiguresFirstAndTheComputedOnesAfterMarkedAsComputed() {
        // the computed figures are dated earliest, so that ordering by date alone would put them first
        ReportedFigure third = households("w1", "the utility", "a third", 15_000.0, 15_000.0, true, LocalDate.of(2026, 5, 1));
        ReportedFigure halfOfHomes = households("w1", "the utility", "up to half", null, 22_500.0, true, LocalDate.of(2026, 5, 1));
        // computed from a base that counts "homes": the counted thing differs in name, not in what a span can show
        ReportedFigure half = new ReportedFigure(halfOfHomes.articleId(), halfOfHomes.title(), halfOfHomes.outlet(),
                halfOfHomes.attribution(), halfOfHomes.span(), null, 22_500.0, "homes", null, halfOfHomes.sentence(),
                halfOfHomes.start(), halfOfHomes.end(), halfOfHomes.sentenceStart(), halfOfHomes.sentenceEnd(), null, null, true,
                halfOfHomes.derivedFrom(), halfOfHomes.published());
        ReportedFigure utility = households("w2", "the utility", "about 12,000", 12_000.0, 12_000.0, false, LocalDate.of(2026, 5, 2));
        ReportedFigure mayor = households("w3", "Mayor Ada Reyes", "as many as 30,000", null, 30_000.0, false, LocalDate.of(2026, 5, 3));
        MeasureVerdict measure = new MeasureVerdict("water/households", "households without water", MeasureVerdict.Status.CONFLICT,
                false, "Sources disagree: a third derived (the utility), …", List.of(third, half, utility, mayor), List.of(),
                List.of("affected"));

        ChatResponse.ConflictView view = ConflictViews.of(measure, 2L, "Water main bursts");

        assertEquals("Sources disagree: about 12,000 (the utility), as many as 30,000 (Mayor Ada Reyes); "
                + "computed from these: 15,000–22,500", view.summary());
        assertEquals(List.of(false, false, true, true), view.figures().stream().map(ChatResponse.FigureView::derived).toList(),
                "stated figures lead the list too");
    }

    @Test
    void agreeingSourcesAreSummedUpByTheSpanOfTheirStatedFigures() {
        ReportedFigure share = households("w1", "the utility", "a third", 15_000.0, 15_000.0, true, LocalDate.of(2026, 5, 1));
        ReportedFigure utility = households("w2", "the utility", "about 12,000", 12_000.0, 12_000.0, false, LocalDate.of(2026, 5, 2));
        ReportedFigure council = households("w3", "the council", "13,000", 13_000.0, 13_000.0, false, LocalDate.of(2026, 5, 3));
        MeasureVerdict measure = new MeasureVerdict("water/households", "households without water",
                MeasureVerdict.Status.CONSISTENT, false, "Sources agree: 12,000–15,000 (3 articles)", List.of(share, utility, council),
                List.of(), List.of("affected"));

        assertEquals("Sources agree: 12,000–13,000 (2 articles); computed from these: 15,000",
                ConflictViews.of(measure, 2L, "Water main bursts").summary());
    }

    @Test
    void estimatesThatChangedOverTimeAreListedWithTheirDatesAndTheComputedOnesAfter() {
        ReportedFigure share = households("w1", "the utility", "a third", 15_000.0, 15_000.0, true, LocalDate.of(2026, 5, 1));
        ReportedFigure first = households("w2", "the utility", "about 12,000", 12_000.0, 12_000.0, false, LocalDate.of(2026, 5, 2));
        ReportedFigure later = households("w3", "the utility", "3,000", 3_000.0, 3_000.0, false, LocalDate.of(2026, 5, 4));
        MeasureVerdict measure = new MeasureVerdict("water/households", "households without water",
                MeasureVerdict.Status.CONSISTENT, true, "Estimates changed over time: …", List.of(share, first, later), List.of(),
                List.of("affected"));

        assertEquals("Estimates changed over time: about 12,000 (2026-05-02, the utility) → 3,000 (2026-05-04, the utility); "
                + "computed from these: 15,000", ConflictViews.of(measure, 2L, "Water main bursts").summary());
    }
}
