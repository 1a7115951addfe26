package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.crosscheck.figures.MeasureVerdict;
import io.crosscheck.figures.ReportedFigure;
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
                "When was the harbour bridge closed after the storm?", List.of(new ChunkIndex.Hit(chunk, 1, 1, 1)), List.of(), Map.of());

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

    private static ExtractiveAnswer ask(String question, String previousSubject, String text) {
        IndexedChunk chunk = new IndexedChunk(1, "a", null, "City Wire", null, null, 0, 0, text.length(), text, null);
        return new ExtractiveAnswerer().answer(question, previousSubject == null ? question : question + " " + previousSubject,
                List.of(new ChunkIndex.Hit(chunk, 1, 1, 1)), List.of(), Map.of());
    }

    private static final String BRIDGE = "PORTVILLE, May 4, 2026 (City Wire) — The harbour bridge carries 40,000 cars a day across the river. "
            + "Engineers closed the harbour bridge early on Monday after the storm damaged two of its cables. "
            + "The harbour bridge was closed because inspectors found cracks in two anchor blocks. "
            + "Mayor Lena Hart visited the harbour bridge with engineers.\n\n"
            + "Mayor Lena Hart defended the closure. “Nobody crosses a bridge we cannot vouch for,” she told reporters. "
            + "Council member Tomas Ek said the harbour bridge should have been inspected years ago.";

    @Test
    void aWhenQuestionIsAnsweredBySentencesThatStateATime() {
        ExtractiveAnswer answer = ask("When was the harbour bridge closed?", null, BRIDGE);
        assertTrue(answer.answer().contains("early on Monday"), answer.answer());
        assertFalse(answer.answer().contains("40,000 cars"), "a dateline states when it was reported, not when it happened");
        assertFalse(answer.answer().contains("anchor blocks"), answer.answer());
    }

    @Test
    void aWhyQuestionIsAnsweredByAStatedCauseEvenAsAFollowUp() {
        ExtractiveAnswer answer = ask("Why?", "When was the harbour bridge closed?", BRIDGE);
        assertTrue(answer.answer().startsWith("According to City Wire: “The harbour bridge was closed because"), answer.answer());
    }

    @Test
    void aWhoSaidQuestionQuotesTheSpeakersOwnWordsAndNotAnotherSpeaker() {
        ExtractiveAnswer answer = ask("What did Mayor Lena Hart say about the bridge?", null, BRIDGE);
        assertTrue(answer.answer().contains("Nobody crosses a bridge we cannot vouch for"), answer.answer());
        assertTrue(answer.answer().startsWith("Mayor Lena Hart, according to City Wire: "), answer.answer());
        assertFalse(answer.answer().contains("Tomas Ek"), answer.answer());
        assertFalse(answer.answer().contains("visited"), answer.answer());
    }

    private static ReportedFigure households(String article, String attribution, String span, Double low, Double high,
            boolean derived) {
        String sentence = attribution + " said " + span + " households were without water.";
        int start = attribution.length() + 6;
        return new ReportedFigure(article, null, "Valley Courier", attribution, span, low, high, "households", null, sentence,
                start, start + span.length(), 0, sentence.length(), null, null, derived,
                derived ? List.of("a third of 45,000 households") : List.of(), LocalDate.of(2026, 5, derived ? 1 : 2));
    }

    @Test
    void theLeadNamesTheStatedFiguresAndOnlyThenCountsTheComputedOnes() {
        MeasureVerdict measure = new MeasureVerdict("water/households", "households without water", MeasureVerdict.Status.CONFLICT,
                false, "", List.of(households("w1", "the utility", "a third", 15_000.0, 15_000.0, true),
                        households("w2", "the utility", "about 12,000", 12_000.0, 12_000.0, false),
                        households("w3", "Mayor Ada Reyes", "as many as 30,000", null, 30_000.0, false)),
                List.of(), List.of("affected"));
        ChatResponse.ConflictView view = ConflictViews.of(measure, 2L, "Water main bursts");

        ExtractiveAnswer answer = new ExtractiveAnswerer().answer("How many households were left without water?",
                "How many households were left without water?", List.of(), List.of(view), Map.of());

        assertEquals("Sources disagree on households without water: about 12,000 (the utility) [1]; as many as 30,000 "
                + "(Mayor Ada Reyes) [2]; computed from these: one more figure, listed with the measure.", answer.answer());
    }
}
