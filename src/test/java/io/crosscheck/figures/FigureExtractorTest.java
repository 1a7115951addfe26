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
}
