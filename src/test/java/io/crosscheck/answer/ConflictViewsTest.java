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
}
