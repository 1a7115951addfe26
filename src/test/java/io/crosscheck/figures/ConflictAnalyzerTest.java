package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.MeasureVerdict.Status;

class ConflictAnalyzerTest {

    private final ConflictAnalyzer analyzer = new ConflictAnalyzer(new MeasureGrouper(new WordOverlapEmbeddingModel(), 0.8, 0.5));

    private static List<CorpusFigure> corpus(Object... idDateText) {
        List<CorpusFigure> figures = new ArrayList<>();
        for (int i = 0; i < idDateText.length; i += 3) {
            String id = (String) idDateText[i];
            LocalDate date = (LocalDate) idDateText[i + 1];
            for (ExtractedFigure figure : FigureExtractor.extract((String) idDateText[i + 2], date)) {
                figures.add(new CorpusFigure(id, "title " + id, "outlet " + id, date, figure));
            }
        }
        return figures;
    }

    private static MeasureVerdict measure(List<MeasureVerdict> verdicts, String event) {
        return verdicts.stream().filter(v -> v.measureId().startsWith(event)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " measure in " + verdicts));
    }

    @Test
    void figuresThatCannotBothHoldConflict() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The agency said 40 climbers were killed in the avalanche.",
                "b", null, "Local media reported that 400 climbers were killed in the avalanche."));
        MeasureVerdict killed = measure(verdicts, "killed");
        assertEquals(Status.CONFLICT, killed.status());
        assertEquals(2, killed.figures().size());
        assertTrue(killed.summary().startsWith("Sources disagree"), killed.summary());
    }

    @Test
    void overlappingRangesAndRoundingsAreConsistent() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The ministry deployed about 5,000 police officers.",
                "b", null, "Between 4,800 and 5,200 police officers were deployed, officials said.",
                "c", null, "Up to 5,500 police officers were deployed."));
        MeasureVerdict deployed = measure(verdicts, "deployed");
        assertEquals(Status.CONSISTENT, deployed.status());
        assertEquals(3, deployed.figures().size());
        assertTrue(deployed.summary().startsWith("Sources agree"), deployed.summary());
    }

    @Test
    void oneArticleIsASingleSource() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "Police said 12 protesters were arrested."));
        assertEquals(Status.SINGLE_SOURCE, measure(verdicts, "arrested").status());
    }

    @Test
    void differentDatesAreAChangeOverTimeNotAConflict() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", LocalDate.of(2025, 5, 5), "Officials said on Monday that 18 villagers were missing.",
                "b", LocalDate.of(2025, 5, 8), "Officials said on Thursday that 6 villagers were missing."));
        MeasureVerdict missing = measure(verdicts, "missing");
        assertEquals(Status.CONSISTENT, missing.status());
        assertTrue(missing.changesOverTime());
        assertTrue(missing.summary().startsWith("Estimates changed over time"), missing.summary());
        assertEquals(LocalDate.of(2025, 5, 5), missing.figures().get(0).asOf(), "ordered by date");
    }

    @Test
    void partsStatedTogetherAddUpToADerivedTotal() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "Health officials said 20 workers died in the fire, with another 80 injured.",
                "b", null, "As many as 100 workers were killed or injured in the fire, the union said."));
        MeasureVerdict casualties = measure(verdicts, "casualties");
        ReportedFigure derived = casualties.figures().stream().filter(ReportedFigure::derived).findFirst().orElseThrow();
        assertEquals(100, derived.low());
        assertEquals(2, derived.derivedFrom().size());
        assertEquals(Status.CONSISTENT, casualties.status());
        // the summary of /api/conflicts states the sources' figure and only then the computed one, marked as computed
        assertEquals("Sources agree: 100 (1 article); computed from these: 100", casualties.summary());
    }

    @Test
    void aSummaryNamesStatedFiguresBeforeComputedOnes() {
        MeasureVerdict injured = measure(analyzer.analyze(corpus(
                "a", null, "The company employed about 2,000 workers at the plant.",
                "b", null, "Up to 30% of workers were injured in the blast, the union said.",
                "c", null, "Only 150 workers were injured in the blast, the company said.")), "wounded");
        String summary = injured.summary();
        int computed = summary.indexOf("; computed from these: ");
        assertTrue(computed > 0, summary);
        assertTrue(summary.indexOf("150") < computed && summary.indexOf("30%") < computed, summary);
        assertTrue(summary.substring(computed).contains("600"), summary);
        assertTrue(!summary.contains(" derived"), summary);
    }

    @Test
    void sharesAreConvertedWithABaseFromTheCorpus() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The company employed about 2,000 workers at the plant.",
                "b", null, "Up to 30% of workers were injured in the blast, the union said."));
        MeasureVerdict injured = measure(verdicts, "wounded");
        ReportedFigure converted = injured.figures().stream().filter(ReportedFigure::derived).findFirst().orElseThrow();
        assertEquals(600, converted.high(), 1e-6);
        assertTrue(converted.derivedFrom().get(1).contains("2,000"));
    }

    @Test
    void anArticleContradictingItselfIsFlagged() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The firm employed about 2,000 workers. Up to half of the workers employed—around 40 workers—were injured.",
                "b", null, "Around 900 workers were injured, the union said."));
        MeasureVerdict injured = measure(verdicts, "wounded");
        assertFalse(injured.selfContradictions().isEmpty(), injured.toString());
        assertTrue(injured.selfContradictions().get(0).startsWith("a:"));
    }

    @Test
    void groupingIsDeterministic() {
        List<CorpusFigure> figures = corpus(
                "a", null, "About 300 soldiers were killed and 2,000 soldiers were deployed.",
                "b", null, "At least 250 soldiers were killed, officials said.");
        List<CorpusFigure> reversed = new ArrayList<>(figures);
        java.util.Collections.reverse(reversed);
        assertEquals(analyzer.analyze(figures), analyzer.analyze(reversed));
    }

    @Test
    void figuresOfOneStoryGroupAcrossArticles() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The Marren tunnel under Holmstad will cost 2.1 billion euros, the audit office said.",
                "b", null, "The ministry said the Marren tunnel under Holmstad would cost 1.6 billion euros."));
        assertEquals(Status.CONFLICT, measure(verdicts, "cost").status());
    }

    @Test
    void aPartOfAWholeIsItsOwnMeasure() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "Some 3,100 homes were damaged, and 240 of them are uninhabitable, the agency said."));
        MeasureVerdict whole = verdicts.stream().filter(v -> v.figures().stream().anyMatch(f -> f.span().contains("3,100")))
                .findFirst().orElseThrow();
        assertEquals(1, whole.figures().size(), whole.toString());
    }

    @Test
    void theLevelsOfAChangeAreNotOneMeasure() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The increase, approved in January, would take a single ticket from 2.50 to 3.50 crowns."));
        assertTrue(verdicts.stream().noneMatch(v -> v.status() != Status.SINGLE_SOURCE || v.changesOverTime()),
                verdicts.toString());
        assertTrue(verdicts.stream().allMatch(v -> v.figures().size() == 1), verdicts.toString());
    }

    @Test
    void aYearlyAmountIsARateNotATotal() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "The Marren tunnel will cost 2.1 billion euros, the auditors said. They put the annual cost of the delay at 90 million euros."));
        assertTrue(verdicts.stream().allMatch(v -> v.figures().size() == 1), verdicts.toString());
    }

    private static List<MeasureVerdict> holding(List<MeasureVerdict> verdicts, String span) {
        return verdicts.stream().filter(v -> v.figures().stream().anyMatch(f -> f.span().contains(span))).toList();
    }

    @Test
    void crowdsAtTwoMarchesAWeekApartAreTwoMeasures() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", LocalDate.of(2025, 3, 2), "About 10,000 people marched through Lisbon on Saturday against rent rises, organisers said.",
                "b", LocalDate.of(2025, 3, 9), "Some 25,000 people marched through Lisbon on March 8, organisers said."));
        MeasureVerdict first = holding(verdicts, "10,000").get(0);
        MeasureVerdict second = holding(verdicts, "25,000").get(0);
        assertTrue(first != second, verdicts.toString());
        assertTrue(first.label().contains("March 1") && second.label().contains("March 8"), first.label() + " / " + second.label());
    }

    @Test
    void deathsInTwoSeparateAttacksAreTwoMeasures() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", LocalDate.of(2025, 3, 4), "On March 3, gunmen killed 14 people at a market in Kaduna, police said.",
                "b", LocalDate.of(2025, 3, 11), "Police said 22 people were killed on Monday in an attack on a bus station in Kaduna."));
        assertEquals(1, holding(verdicts, "14").size());
        assertEquals(1, holding(verdicts, "14").get(0).figures().size(), verdicts.toString());
        assertEquals(Status.SINGLE_SOURCE, holding(verdicts, "22").get(0).status());
    }

    @Test
    void oneAttackCountedAgainLaterIsAChangeOverTime() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", LocalDate.of(2025, 3, 9), "Five people were killed in the bombing on Saturday, police said.",
                "b", LocalDate.of(2025, 3, 12), "Twelve people were killed in the bombing on Saturday, officials said on Wednesday."));
        MeasureVerdict killed = measure(verdicts, "killed");
        assertEquals(2, killed.figures().size(), verdicts.toString());
        assertEquals(Status.CONSISTENT, killed.status(), killed.summary());
        assertTrue(killed.changesOverTime(), killed.summary());
    }

    @Test
    void figuresOfDifferentEventsAboutTheSamePeopleAreNotOneMeasure() {
        List<MeasureVerdict> verdicts = analyzer.analyze(corpus(
                "a", null, "About 5,000 people joined the march, police said. Two people are in serious condition after the march.",
                "b", null, "Organisers said 9,000 people joined the march."));
        MeasureVerdict crowd = measure(verdicts, "attended");
        assertTrue(crowd.figures().stream().noneMatch(f -> f.span().equals("Two")), crowd.toString());
    }
}
