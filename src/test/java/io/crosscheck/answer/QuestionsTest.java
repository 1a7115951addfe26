package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuestionsTest {

    @Test
    void aQuestionThatNamesItsOwnSubjectStandsAlone() {
        assertFalse(Questions.isFollowUp("What is the capital of France?"));
        assertFalse(Questions.isFollowUp("When did the troops withdraw?"));
        assertFalse(Questions.isFollowUp("How many workers joined the strike?"));
        assertEquals("What is the capital of France?", Questions.retrievalQuery("What is the capital of France?",
                "How many North Korean soldiers have been killed?", "How many North Korean soldiers have been killed?"));
    }

    @Test
    void anEllipticalQuestionBorrowsThePreviousSubject() {
        assertTrue(Questions.isFollowUp("and how many were wounded?"));
        assertTrue(Questions.isFollowUp("Why?"));
        assertTrue(Questions.isFollowUp("Why did they withdraw?"));
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
}
