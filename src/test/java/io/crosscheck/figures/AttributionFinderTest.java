package io.crosscheck.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AttributionFinderTest {

    @Test
    void aShortNameWidensToItsFullerEarlierMention() {
        String text = "The inquiry was led by Judge Amelia Hartwell. On Friday Hartwell said 40 witnesses had been heard.";
        assertEquals("Judge Amelia Hartwell", AttributionFinder.fullName(text, "Hartwell", text.indexOf("On Friday")));
    }

    @Test
    void aNameNeverReachesAcrossAParagraphOrRepeatsItsLastWord() {
        // a firm named in full at the end of one paragraph and by its short name at the start of the next: before, the
        // attribution read "Orrin Analytics.\n\nOrrin", and the answer's sentence ended inside it
        String text = "The figure came from researchers at Orrin Analytics.\n\nOrrin, a small firm in Leeds, found the files"
                + " on Monday. Orrin said about 12,000 records were copied.";
        assertEquals("Orrin", AttributionFinder.fullName(text, "Orrin", text.indexOf("Orrin said")));
        String oneLine = "The figure came from Orrin Analytics. Orrin, a small firm, found the files. Orrin said about 12,000"
                + " records were copied.";
        assertEquals("Orrin", AttributionFinder.fullName(oneLine, "Orrin", oneLine.indexOf("Orrin said")));
    }
}
