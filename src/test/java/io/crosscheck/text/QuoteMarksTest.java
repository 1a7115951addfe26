package io.crosscheck.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuoteMarksTest {

    @Test
    void aSentenceOpeningAQuotationThatEndsLaterGetsItsClosingMark() {
        assertEquals("“It will be a long winter.”", QuoteMarks.balanced("“It will be a long winter."));
        assertEquals("\"It will be a long winter.\"", QuoteMarks.balanced("\"It will be a long winter."));
    }

    @Test
    void aSentenceClosingAQuotationThatBeganEarlierGetsItsOpeningMark() {
        assertEquals("“We will not retreat,” he said.", QuoteMarks.balanced("We will not retreat,” he said."));
        assertEquals("\"We will not retreat,\" he said.", QuoteMarks.balanced("We will not retreat,\" he said."));
    }

    @Test
    void balancedMarksAndApostrophesAreLeftAlone() {
        String sentence = "Russia’s envoy said “no” and the unit known as \"Puls\" agreed.";
        assertEquals(sentence, QuoteMarks.balanced(sentence));
        assertTrue(QuoteMarks.areBalanced(sentence));
        assertFalse(QuoteMarks.areBalanced("““It will be hard,” he said."));
        assertFalse(QuoteMarks.hasAny("Russia’s envoy left."));
    }
}
