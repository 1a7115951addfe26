package io.crosscheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlackQuestionTest {

    @Test
    void theMentionEscapingAndControlCharactersAreRemoved() {
        assertEquals("how many <troops> & tanks?", SlackEventService.question("<@U0BOT> how many &lt;troops&gt; &amp; tanks?"));
    }

    @Test
    void nulBytesAndUnpairedSurrogatesNeverReachTheStoredQuestion() {
        assertEquals("how many were killed?", SlackEventService.question("<@U0BOT> how many\u0000 were \ud800killed?"));
    }
}
