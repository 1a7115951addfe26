package io.crosscheck.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MeasureSelectorTest {

    @Test
    void theMeasureCountingTheAskedEventOutranksABroaderOrNarrowerOne() {
        double killed = MeasureSelector.eventMatch(Set.of("killed"), List.of("killed"));
        double killedOrWounded = MeasureSelector.eventMatch(Set.of("killed"), List.of("casualties"));
        assertEquals(1, killed);
        assertTrue(killedOrWounded > 0 && killedOrWounded < killed, "a broader measure is related, below the asked one");
        assertTrue(MeasureSelector.eventMatch(Set.of("killed", "wounded"), List.of("killed")) > 0, "narrower is related");
        assertEquals(1, MeasureSelector.eventMatch(Set.of("killed", "wounded"), List.of("casualties")));
        assertEquals(0, MeasureSelector.eventMatch(Set.of("killed"), List.of("deployed")));
        assertEquals(0, MeasureSelector.eventMatch(Set.of("wounded"), List.of("killed")), "siblings are not broader or narrower");
        assertEquals(1, MeasureSelector.eventMatch(new LinkedHashSet<>(List.of("overrun", "budget")), List.of("overrun")));
        assertEquals(0, MeasureSelector.eventMatch(Set.of(), List.of("killed")));
    }
}
