package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crosscheck.retrieval.ChunkIndex;
import io.crosscheck.retrieval.IndexedChunk;
import io.crosscheck.text.QuoteMarks;

class ExtractiveAnswererTest {

    private static final String TITLE = "Harbour Bridge Closed After Storm Damage";

    @Test
    void theHeadlineIsNeverQuotedAsEvidence() {
        String text = TITLE + " - CITY WIRE\n\nThe harbour bridge was closed on Monday after the storm damaged its cables.";
        IndexedChunk chunk = new IndexedChunk(1, "a", TITLE, "City Wire", null, null, 0, 0, text.length(), text, null);

        ExtractiveAnswer answer = new ExtractiveAnswerer().answer("When was the harbour bridge closed after the storm?",
                List.of(new ChunkIndex.Hit(chunk, 1, 1, 1)), List.of(), Map.of());

        assertFalse(answer.answer().contains("CITY WIRE"), answer.answer());
        assertTrue(answer.answer().contains("closed on Monday"), answer.answer());
        assertTrue(answer.citations().list().stream().noneMatch(c -> c.quote().startsWith(TITLE)));
    }

    @Test
    void aTitleIsTheHeadlineAloneOrFollowedByASiteNameOrSubtitle() {
        assertTrue(ExtractiveAnswerer.isTitle(TITLE, TITLE));
        assertTrue(ExtractiveAnswerer.isTitle(TITLE + " | City Wire", TITLE));
        assertTrue(ExtractiveAnswerer.isTitle("harbour  bridge closed after storm damage: what we know", TITLE));
        assertFalse(ExtractiveAnswerer.isTitle(TITLE + " for a week, the council said.", TITLE));
        assertFalse(ExtractiveAnswerer.isTitle(TITLE, null));
    }

    @Test
    void quotedSentencesAreWrappedOnceAndBalanced() {
        assertEquals("“The bridge is closed.”", ExtractiveAnswerer.quoted("The bridge is closed."));
        assertEquals("“It will be closed for a week.”", ExtractiveAnswerer.quoted("“It will be closed for a week.”"));
        assertEquals("“It will be closed for a week.”", ExtractiveAnswerer.quoted("“It will be closed for a week."));
        assertEquals("“It is unsafe,” the mayor said.", ExtractiveAnswerer.quoted("It is unsafe,” the mayor said."));
        assertTrue(QuoteMarks.areBalanced(ExtractiveAnswerer.quoted("The mayor called it \"unsafe\" and left.")));
    }
}
