package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswerCuesTest {

    @Test
    void monthsStateATimeWrittenOutOrAbbreviated() {
        assertTrue(AnswerCues.statesTime("The pumping station reopened in September after repairs."));
        assertTrue(AnswerCues.statesTime("The pumping station reopened on Sept. 3 after repairs."));
        assertTrue(AnswerCues.statesTime("The pumping station reopened on Oct. 12 after repairs."));
        assertFalse(AnswerCues.statesTime("The pumping station reopened after repairs."));
        assertFalse(AnswerCues.statesTime("The inspectors left a mark. Repairs were slow."), "\"mark.\" is no month");
    }
}
