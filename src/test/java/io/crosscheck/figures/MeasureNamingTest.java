package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MeasureNamingTest {

    private final ConflictAnalyzer analyzer = new ConflictAnalyzer(new MeasureGrouper(new WordOverlapEmbeddingModel(), 0.8, 0.5));

    private static ReportedFigure figure(String span, String unit, String sentence) {
        int start = sentence.indexOf(span);
        return new ReportedFigure("a", null, null, null, span, 1.0, 1.0, unit, null, sentence, start, start + span.length(),
                0, sentence.length(), null, null, false, List.of(), null);
    }

    private List<String> labels(String... texts) {
        List<CorpusFigure> figures = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            for (ExtractedFigure f : FigureExtractor.extract(texts[i], LocalDate.of(2025, 6, 2))) {
                figures.add(new CorpusFigure("a" + i, null, null, LocalDate.of(2025, 6, 2), f));
            }
        }
        return analyzer.analyze(figures).stream().map(MeasureLabels::named).map(MeasureVerdict::label)
                .filter(l -> !l.isBlank()).toList();
    }

    @Test
    void anUnnamedMeasureIsNamedByItsUnitAndWhatFollowsIt() {
        MeasureVerdict burned = new MeasureVerdict("count-3", "", MeasureVerdict.Status.CONFLICT, false, "",
                List.of(figure("about 900 acres", "acres", "Crews said about 900 acres had burned by Monday."),
                        figure("1,400 acres", "acres", "Satellite maps showed 1,400 acres, officials said.")),
                List.of(), List.of());
        assertEquals("acres burned", MeasureLabels.named(burned).label());
        MeasureVerdict seized = new MeasureVerdict("count-4", "", MeasureVerdict.Status.SINGLE_SOURCE, false, "",
                List.of(figure("500 square miles", "square miles",
                        "Rebel forces seized 500 square miles of farmland, prompting a swift response.")),
                List.of(), List.of());
        assertEquals("square miles of farmland", MeasureLabels.named(seized).label());
    }

    private static MeasureVerdict unnamed(String span, String unit, String sentence) {
        return new MeasureVerdict("count-9", "", MeasureVerdict.Status.SINGLE_SOURCE, false, "",
                List.of(figure(span, unit, sentence)), List.of(), List.of());
    }

    @Test
    void aDurationIsNamedByWhatLasts() {
        // a road closure: the weeks are how long the bridge is closed, not a count of weeks
        assertEquals("bridge closed (weeks)", MeasureLabels.named(unnamed("six weeks", "weeks",
                "The Elm Street bridge will be closed for at least six weeks while engineers repair its deck.")).label());
        assertEquals("road closed (weeks)", MeasureLabels.named(unnamed("at least three weeks", "weeks",
                "The coast road will stay closed for at least three weeks, the county engineer said.")).label());
    }

    @Test
    void anAmountIsNamedByTheVerbAndItsSubject() {
        // a drought: the cubic metres are what the reservoir lost
        assertEquals("reservoir lost (cubic metres)", MeasureLabels.named(unnamed("2 million cubic metres", "cubic metres",
                "The reservoir has lost 2 million cubic metres since the drought began in March.")).label());
        // a factory's costs: the euros belong to the claims they are for
        assertEquals("claims (EUR)", MeasureLabels.named(unnamed("12 million euros", "EUR",
                "The supplier has filed claims for a further 12 million euros, which the factory disputes.")).label());
        // a hyphenated unit names the noun it modifies
        assertEquals("pipeline (mile)", MeasureLabels.named(unnamed("12-mile", "mile",
                "The 12-mile pipeline will carry water to the drought-stricken farms.")).label());
    }

    @Test
    void aDurationPlacingSomethingInTimeOrAFrequencyKeepsItsUnit() {
        assertEquals("weeks", MeasureLabels.named(unnamed("two weeks", "weeks",
                "Rain finally returned to the valley two weeks later.")).label());
        assertEquals("years", MeasureLabels.named(unnamed("20 years", "years",
                "She has checked the gauge every day for 20 years.")).label());
    }

    @Test
    void aMultipleOfAnotherFigureIsNotACountOfTimes() {
        assertEquals(List.of("cost (times as much)"),
                labels("The factory's new paint shop cost roughly three times the amount the board had set aside."));
    }

    @Test
    void aStandingGroupIsNamedWithWhatHappenedToIt() {
        assertEquals(List.of("jobs cut"), labels("The factory will cut up to 1,200 jobs next year, the company said on Monday."));
    }

    @Test
    void aNamedMeasureKeepsItsName() {
        MeasureVerdict named = new MeasureVerdict("killed", "people killed", MeasureVerdict.Status.SINGLE_SOURCE, false, "",
                List.of(figure("12", "people", "The storm killed 12 people.")), List.of(), List.of());
        assertEquals("people killed", MeasureLabels.named(named).label());
    }

    @Test
    void aCountedWordThatNamesTheEventIsTheNameOnItsOwn() {
        assertEquals(List.of("deaths"), labels("Health officials have confirmed 41 deaths since the storm hit."));
    }

    @Test
    void aCountedNounKeepsItsOfComplement() {
        assertEquals(List.of("members of the Red Cross killed"),
                labels("Aid groups said 12 members of the Red Cross were killed in the shelling."));
    }

    @Test
    void incidentalNumbersAreNotMeasures() {
        List<String> labels = labels("“These are two young men who were told they were going to a training camp,” he said."
                + " The three leaders of the valley council met the next day. They have three options. About 1,200 residents"
                + " were evacuated. Seven people were treated for burns.");
        assertEquals(List.of("residents evacuated", "people treated"), labels);
    }

    @Test
    void aCountWithoutAnEventIsNamedByWhatItDid() {
        List<String> labels = labels("Officials said 77 zebras escaped from the safari park on Sunday.");
        assertTrue(labels.contains("zebras escaped"), labels.toString());
    }

    @Test
    void anEarlierEpisodeOfTheSameEventCarriesItsYear() {
        List<String> labels = labels("At least 41 people died in the floods this week, officials said.",
                "In 1987, 19 people died when the same river burst its banks.");
        assertTrue(labels.contains("people killed") && labels.contains("people killed (1987)"), labels.toString());
    }
}
