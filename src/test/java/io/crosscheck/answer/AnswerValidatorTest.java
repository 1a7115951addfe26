package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerValidatorTest {

    private static Citations citations() {
        Citations citations = new Citations();
        citations.cite("a", "Storm", "Daily", null, null, "The storm killed at least 12 people, officials said.");
        citations.cite("b", "Storm", "Post", null, null, "Rescuers said 1,450 homes were damaged.");
        return citations;
    }

    @Test
    void keepsSupportedSentences() {
        AnswerValidator.Result result = AnswerValidator.validate(
                "The storm killed at least 12 people [1]. About 1,450 homes were damaged [2].", citations());
        assertEquals("The storm killed at least 12 people [1]. About 1,450 homes were damaged [2].", result.answer());
        assertTrue(result.removedMarkers().isEmpty());
        assertTrue(result.removedSentences().isEmpty());
    }

    @Test
    void removesMarkersThatNameNoPassage() {
        AnswerValidator.Result result = AnswerValidator.validate("Officials reported deaths [1][9].", citations());
        assertEquals("Officials reported deaths [1].", result.answer());
        assertEquals(List.of(9), result.removedMarkers());
    }

    @Test
    void dropsSentencesWhoseNumbersTheirCitationsDoNotHold() {
        AnswerValidator.Result result = AnswerValidator.validate(
                "The storm killed 40 people [1]. Rescuers said 1450 homes were damaged [2]. Only 12 died [2].", citations());
        assertEquals("Rescuers said 1450 homes were damaged [2].", result.answer(),
                "40 is in no source; 12 is in [1] but the sentence cites only [2]");
        assertEquals(2, result.removedSentences().size());
    }

    @Test
    void aMarkerAfterAClosingQuoteBelongsToTheQuotedSentence() {
        String answer = "Daily: “The storm killed at least 12 people, officials said.” [1]";
        assertEquals(answer, AnswerValidator.validate(answer, citations()).answer());
    }

    @Test
    void aNumberWithoutAnyCitationIsUnsupported() {
        assertEquals(java.util.Set.of("12"), AnswerValidator.unsupportedNumbers("At least 12 people died.", citations()));
    }

    @Test
    void partsOfLargerNumbersDoNotCount() {
        assertEquals(java.util.Set.of("45"), AnswerValidator.unsupportedNumbers("45 homes [2].", citations()));
    }
}
