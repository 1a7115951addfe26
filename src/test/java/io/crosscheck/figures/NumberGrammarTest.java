package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.Quantity.Kind;

class NumberGrammarTest {

    private static List<Quantity> find(String text) {
        return NumberGrammar.find(text, 0, text.length());
    }

    private static Quantity only(String text) {
        List<Quantity> found = find(text);
        assertEquals(1, found.size(), () -> "expected one quantity in: " + text + " but got " + found);
        return found.get(0);
    }

    private static String span(String text, Quantity q) {
        return text.substring(q.start(), q.end());
    }

    @Test
    void readsRangesWithSharedScaleAndBetween() {
        String text = "The vaccine campaign reached between 2 and 3 million children.";
        Quantity q = only(text);
        assertEquals("between 2 and 3 million", span(text, q));
        assertEquals(2e6, q.low());
        assertEquals(3e6, q.high());
        assertEquals("range", q.qualifier());

        Quantity hyphen = only("Organisers expect 8,000-9,500 runners.");
        assertEquals(8000, hyphen.low());
        assertEquals(9500, hyphen.high());
    }

    @Test
    void qualifiersBecomeBounds() {
        Quantity upTo = only("The storm left up to 1,500 homes without power.");
        assertNull(upTo.low());
        assertEquals(1500, upTo.high());

        Quantity over = only("The airline cancelled over 200 flights.");
        assertEquals(200, over.low());
        assertNull(over.high());

        Quantity nearly = only("Nearly 70 schools stayed shut.");
        assertNull(nearly.low());
        assertEquals(70, nearly.high());
        assertTrue(nearly.approximate());

        Quantity asHighAs = only("Analysts put losses as high as $4.5bn this year.");
        assertEquals(4.5e9, asHighAs.high());
        assertEquals("USD", asHighAs.unit());
        assertEquals(Kind.MONEY, asHighAs.kind());

        Quantity about = only("About 350 volunteers cleaned the beach.");
        assertEquals(350, about.low());
        assertEquals(350, about.high());
        assertTrue(about.approximate());
    }

    @Test
    void readsPercentagesAndShares() {
        Quantity percent = only("Turnout fell to 40 per cent in the capital.");
        assertEquals(Kind.PERCENT, percent.kind());
        assertEquals(40, percent.low());

        String text = "Up to half of the orchards were damaged by frost.";
        Quantity half = only(text);
        assertEquals("Up to half", span(text, half));
        assertEquals(50, half.high());
        assertEquals(Kind.PERCENT, half.kind());

        Quantity third = only("Prices rose by a third over the winter.");
        assertEquals(100.0 / 3, third.low(), 1e-9);
    }

    @Test
    void readsSpelledOutAndVagueNumbers() {
        assertEquals(25, only("Twenty-five climbers reached the summit.").low());
        assertEquals(11000, only("Officials counted eleven-thousand ballots.").low());
        assertEquals(1200, only("A crowd of one thousand two hundred gathered.").low());

        Quantity hundreds = only("Hundreds of residents queued for water.");
        assertEquals(200, hundreds.low());
        assertNull(hundreds.high());

        Quantity thousands = only("Thousands of fans were turned away.");
        assertEquals(2000, thousands.low());

        Quantity dozens = only("Dozens of boats were sunk.");
        assertEquals(24, dozens.low());
    }

    @Test
    void readsDurationsAndStartTimes() {
        String text = "The plant has been offline for three weeks.";
        Quantity weeks = only(text);
        assertEquals(Kind.DURATION, weeks.kind());
        assertEquals("weeks", weeks.unit());
        assertEquals(3, weeks.low());

        String past = "Over the past two months, exports have stalled.";
        Quantity pastMonths = only(past);
        assertEquals(2, pastMonths.low());
        assertEquals(2, pastMonths.high(), "'over the past' is a period, not a lower bound");

        Quantity since = only("The border has been closed since mid-March.");
        assertEquals(Kind.TIME_REFERENCE, since.kind());
        assertNull(since.low());
    }

    @Test
    void rejectsDatesYearsTimesAgesAndFurniture() {
        assertTrue(find("The law was passed on October 18, 2024 and took effect in 2025.").isEmpty());
        assertTrue(find("The meeting starts at 11 a.m. on March 8.").isEmpty());
        assertTrue(find("Two suspects, aged 19 and 25, were charged.").stream().allMatch(q -> q.low() == 2));
        assertTrue(find("A 67-year-old cyclist was hurt.").isEmpty());
        assertTrue(find("Posted 2 hours ago with 2 views.").isEmpty());
        assertTrue(find("She took Route 9 past Terminal 3 during COVID-19.").isEmpty());
        assertTrue(find("Call +44 20 7946 0000 for tickets.").isEmpty());
        assertTrue(find("One of the guards said he was tired.").isEmpty());
        assertTrue(find("The home side won 3-1 on Sunday.").isEmpty());
    }
}
