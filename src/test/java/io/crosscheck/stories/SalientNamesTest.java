package io.crosscheck.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SalientNamesTest {

    @Test
    void countsCapitalisedWordsInsideSentences() {
        Map<String, Integer> names = SalientNames.of(null,
                "Floods hit the Vessen valley on Sunday. Rescuers reached Lorsch and Eiden, and Lorsch's mayor thanked them.", null);

        assertEquals(Map.of("vessen", 1, "lorsch", 2, "eiden", 1), names);
    }

    @Test
    void skipsSentenceInitialWordsTitlesAndCalendarWords() {
        Map<String, Integer> names = SalientNames.of(null,
                "Officials met on Monday in March. Prime Minister Erik Sand said: \"Nobody will be left alone.\"", null);

        assertEquals(Map.of("erik", 1, "sand", 1), names);
    }

    @Test
    void leavesOutTheOutletsOwnName() {
        Map<String, Integer> names = SalientNames.of(null,
                "VESSEN, Oct 13 (Continental Wire) — Flash floods tore through towns in the valley after two days of rain, "
                        + "the regional agency in Lorsch told Continental Wire on Monday.", "Continental Wire");

        assertFalse(names.containsKey("continental"));
        assertFalse(names.containsKey("wire"));
        assertTrue(names.containsKey("lorsch"));
    }

    @Test
    void aTitleCaseHeadlineSaysNothing() {
        assertEquals(Map.of(), SalientNames.of("Flash Floods Kill At Least 23 In Vessen Valley", null, null));
        assertEquals(Map.of("vessen", 1), SalientNames.of("Flash floods kill at least 23 in Vessen valley", null, null));
    }
}
