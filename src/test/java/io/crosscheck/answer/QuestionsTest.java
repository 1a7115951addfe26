package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class QuestionsTest {

    @Test
    void aQuestionThatNamesItsOwnSubjectStandsAlone() {
        assertFalse(Questions.isFollowUp("What is the capital of France?"));
        assertFalse(Questions.isFollowUp("When did the troops withdraw?"));
        assertFalse(Questions.isFollowUp("How many workers joined the strike?"));
        assertFalse(Questions.isFollowUp("When did the river Vess burst its banks?"));
        assertEquals("What is the capital of France?", Questions.retrievalQuery("What is the capital of France?",
                "How many North Korean soldiers have been killed?", "How many North Korean soldiers have been killed?"));
    }

    @Test
    void anEllipticalQuestionBorrowsThePreviousSubject() {
        assertTrue(Questions.isFollowUp("and how many were wounded?"));
        assertTrue(Questions.isFollowUp("Why?"));
        assertTrue(Questions.isFollowUp("Why did they withdraw?"));
        assertTrue(Questions.isFollowUp("What did he say about the deal?"));
        assertEquals("and how many were wounded? How many soldiers were killed?", Questions.retrievalQuery(
                "and how many were wounded?", "How many soldiers were killed?", "How many soldiers were killed?"));
    }

    @Test
    void aChainOfFollowUpsBorrowsOneSubjectNotTheWholeChain() {
        String first = "How many soldiers were killed?";
        String second = Questions.retrievalQuery("and wounded?", first, first);
        String third = Questions.retrievalQuery("Why?", "and wounded?", second);
        assertEquals("Why? How many soldiers were killed?", third);
    }

    @Test
    void theKindOfAnswerIsReadOffTheQuestion() {
        assertEquals(Questions.Kind.QUANTITY, Questions.kind("How many soldiers were killed?"));
        assertEquals(Questions.Kind.QUANTITY, Questions.kind("Does the union agree with the company's figure for job cuts?"));
        assertEquals(Questions.Kind.QUANTITY, Questions.kind("How much did the minister say the bridge would cost?"));
        assertEquals(Questions.Kind.WHEN, Questions.kind("When did the troops withdraw?"));
        assertEquals(Questions.Kind.WHEN, Questions.kind("and when will it reopen?"));
        assertEquals(Questions.Kind.WHY, Questions.kind("Why?"));
        assertEquals(Questions.Kind.WHY, Questions.kind("What caused the floods?"));
        assertEquals(Questions.Kind.WHO_SAID, Questions.kind("What did the mayor of Lorsch say?"));
        assertEquals(Questions.Kind.WHO_SAID, Questions.kind("What has Anna Berg told reporters about the strike?"));
        assertEquals(Questions.Kind.OTHER, Questions.kind("What is the capital of France?"));
    }

    @Test
    void theSpeakerIsTheNameBetweenAuxiliaryAndSpeechVerb() {
        assertEquals(List.of("Anna", "Berg"), Questions.speaker("What did union leader Anna Berg say?"));
        assertEquals(List.of("ministry"), Questions.speaker("What has the ministry said about the delay?"));
        assertEquals(List.of(), Questions.speaker("How many were killed?"));
    }
}
