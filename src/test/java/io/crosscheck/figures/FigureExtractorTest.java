package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class FigureExtractorTest {

    private static ExtractedFigure figure(List<ExtractedFigure> figures, String span) {
        return figures.stream().filter(f -> f.span().equals(span)).findFirst()
                .orElseThrow(() -> new AssertionError("no figure '" + span + "' in " + figures));
    }

    @Test
    void readsCountedNounAndEvent() {
        List<ExtractedFigure> figures = FigureExtractor.extract(
                "At least 12 miners were killed and another 40 injured when the shaft collapsed, the ministry said.", null);
        ExtractedFigure killed = figure(figures, "At least 12");
        assertEquals("miners", killed.counted());
        assertEquals("killed", killed.event());
        assertEquals(12, killed.low());
        assertNull(killed.high());
        ExtractedFigure injured = figure(figures, "another 40");
        assertEquals("wounded", injured.event());
        assertEquals("ministry", injured.attribution());
    }

    @Test
    void coordinatedEventsAreCasualtiesAndSharesKeepTheirBase() {
        String text = "Rescuers said up to 30% of passengers were either killed, injured, or missing.";
        ExtractedFigure share = figure(FigureExtractor.extract(text, null), "up to 30%");
        assertEquals("casualties", share.event());
        assertEquals("passengers", share.percentOf());
        assertEquals(30, share.high());
    }

    @Test
    void eventFromGoverningVerbBeforeTheNumber() {
        ExtractedFigure sent = figure(FigureExtractor.extract(
                "The government dispatched an estimated 1,500 to 2,000 firefighters to the region.", null),
                "an estimated 1,500 to 2,000");
        assertEquals("deployed", sent.event());
        assertEquals("firefighters", sent.counted());
    }

    @Test
    void readsAttributionPatterns() {
        assertEquals("the coast guard", FigureExtractor.extract(
                "Nine fishermen were rescued, according to the coast guard.", null).get(0).attribution());
        assertEquals("Hospital officials", FigureExtractor.extract(
                "Hospital officials said 31 patients were evacuated.", null).get(0).attribution());
        assertEquals("fire brigade", FigureExtractor.extract(
                "About 60 homes were destroyed, the fire brigade said.", null).get(0).attribution());
        assertEquals("Mayor Lena Park", FigureExtractor.extract(
                "“We have counted 300 damaged buildings,” said Mayor Lena Park.", null).get(0).attribution());
    }

    @Test
    void resolvesPronounAndQuotedSpeakerFromEarlierSentence() {
        String text = "Fire chief Maria Lopez visited the site on Monday. She said 14 firefighters were injured.";
        assertEquals("Maria Lopez", FigureExtractor.extract(text, null).get(0).attribution());

        String quote = "Union leader Tom Reyes addressed the crowd. “More than 5,000 workers have been laid off.”";
        assertEquals("Tom Reyes", FigureExtractor.extract(quote, null).get(0).attribution());
    }

    @Test
    void datesFiguresFromWeekdaysAgainstTheArticleDate() {
        LocalDate published = LocalDate.of(2025, 3, 14);
        ExtractedFigure figure = FigureExtractor.extract(
                "By Wednesday evening, police said 23 people had been detained.", published).get(0);
        assertEquals(LocalDate.of(2025, 3, 12), figure.asOf());
        assertEquals("arrested", figure.event());
        assertTrue(figure.sentence().startsWith("By Wednesday"));
    }

    @Test
    void aCoordinatedSubjectIsKeptWhole() {
        String text = "Kyiv, Washington, and Seoul have accused North Korea of sending over 10,000 soldiers to Russia.";
        assertEquals("Kyiv, Washington, and Seoul", figure(FigureExtractor.extract(text, null), "over 10,000").attribution());
    }

    private static String attribution(String sentence, String span) {
        return figure(FigureExtractor.extract(sentence, null), span).attribution();
    }

    @Test
    void anOpeningTimeExpressionIsNotPartOfTheSource() {
        assertEquals("Mayor Ana Ruiz", attribution("On Tuesday, Mayor Ana Ruiz said 40 homes were flooded.", "40"));
        assertEquals("Red Cross", attribution("Last week, the Red Cross said 55 volunteers had been deployed.", "55"));
        assertEquals("Oslo and Bergen",
                attribution("Earlier this month, Oslo and Bergen reported 18 cases of the virus.", "18"));
    }

    @Test
    void anOpeningSentenceAdverbIsNotPartOfTheSource() {
        assertEquals("fire service", attribution("However, the fire service said 12 people were rescued.", "12"));
        assertEquals("Dr. Lee", attribution("Separately, Dr. Lee told reporters that 300 flights were cancelled.", "300"));
        assertEquals("Prof. Maria Okafor",
                attribution("Previously, Prof. Maria Okafor, a hydrologist at the university, estimated 70 wells had dried up.", "estimated 70"));
        assertEquals("port authority", attribution("Meanwhile the port authority said 9 ships were stranded.", "9"));
    }

    @Test
    void anOpeningPrepositionalPhraseIsNotPartOfAList() {
        assertEquals("Lyon and Nice",
                attribution("In a joint statement, Lyon and Nice said 25 schools were closed.", "25"));
        assertEquals("Lyon and Nice",
                attribution("The prefect added that after the storm, Lyon and Nice counted 31 fallen trees.", "31"));
    }

    @Test
    void listsOfNamesStayWhole() {
        assertEquals("Officials in Lyon, Paris and Marseille",
                attribution("Officials in Lyon, Paris and Marseille said 25 schools were closed.", "25"));
        assertEquals("Lyon, Paris and Marseille",
                attribution("The count rose after Lyon, Paris and Marseille said 25 schools were closed.", "25"));
        assertEquals("Italy, France and Spain", attribution("Italy, France and Spain said 600 migrants were rescued.", "600"));
        assertEquals("Oslo, Bergen, or Tromsø",
                attribution("Oslo, Bergen, or Tromsø reported more than 20 cases each.", "more than 20"));
    }

    @Test
    void anAbsenceIsReadFromANegatedVerbInAnyTopic() {
        assertEquals("absent", figure(FigureExtractor.extract(
                "The striker has not played for six weeks because of a knee injury, the club said.", null),
                "six weeks").event());
        assertEquals("absent", figure(FigureExtractor.extract(
                "Residents of the valley have had no running water for 11 days.", null), "11 days").event());
        assertEquals("absent", figure(FigureExtractor.extract(
                "The singer hasn't been seen in public for two months.", null), "two months").event());
        assertEquals("absent", figure(FigureExtractor.extract(
                "For three weeks, the ferry has not sailed to the island.", null), "three weeks").event());
        assertEquals("absent", figure(FigureExtractor.extract(
                "Production at the plant has been suspended for nine days.", null), "nine days").event());
    }

    @Test
    void aBoundOnADurationIsNotAnAbsence() {
        ExtractedFigure trial = figure(FigureExtractor.extract(
                "The judge said the trial would last no more than three weeks.", null), "no more than three weeks");
        assertNull(trial.event());
    }

    @Test
    void aFigureWithItsOwnPredicateDoesNotBorrowALaterEvent() {
        List<ExtractedFigure> figures = FigureExtractor.extract(
                "Two people are in serious condition after the march, a hospital spokesman said.", null);
        assertNull(figure(figures, "Two").event());
        assertEquals("killed", figure(FigureExtractor.extract(
                "Three climbers were among those killed on the mountain.", null), "Three").event());
    }

    @Test
    void aMonthAndDayWithoutAYearDatesAFigureBeforeTheArticle() {
        ExtractedFigure arrested = figure(FigureExtractor.extract("Police said 40 people were arrested on March 8.",
                LocalDate.of(2025, 3, 10)), "40");
        assertEquals(LocalDate.of(2025, 3, 8), arrested.asOf());
        ExtractedFigure december = figure(FigureExtractor.extract("About 300 homes were damaged on 28 December.",
                LocalDate.of(2025, 1, 4)), "About 300");
        assertEquals(LocalDate.of(2024, 12, 28), december.asOf());
        ExtractedFigure modal = figure(FigureExtractor.extract("Officials fear as many as 10 may have died in the blaze.",
                LocalDate.of(2025, 3, 10)), "as many as 10");
        assertNull(modal.asOf());
    }
}
