package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class MeasureNamingTest {

    private static ReportedFigure figure(String span, String sentence) {
        return new ReportedFigure("a", null, null, null, span, 1.0, 1.0, "acres", null, sentence, 0, 1, 0, 1, null, null, false,
                List.of(), null);
    }

    @Test
    void anUnnamedMeasureIsNamedByItsUnitAndTheWordsItsSentencesShare() {
        MeasureVerdict unnamed = new MeasureVerdict("count-3", "", MeasureVerdict.Status.CONFLICT, false, "",
                List.of(figure("about 900 acres", "Crews said about 900 acres had burned by Monday."),
                        figure("1,400 acres", "Satellite maps showed 1,400 acres burned, officials said.")),
                List.of(), List.of());
        assertEquals("acres: burned, maps", MeasureLabels.named(unnamed).label(), "the shared word first, then ties alphabetically");
    }

    @Test
    void aNamedMeasureKeepsItsName() {
        MeasureVerdict named = new MeasureVerdict("killed", "people killed", MeasureVerdict.Status.SINGLE_SOURCE, false, "",
                List.of(figure("12", "The storm killed 12 people.")), List.of(), List.of());
        assertEquals("people killed", MeasureLabels.named(named).label());
    }
}
