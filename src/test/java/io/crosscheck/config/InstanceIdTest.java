package io.crosscheck.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class InstanceIdTest {

    @Test
    void aConfiguredIdIsUsedAsGiven() {
        assertEquals("crosscheck-0", new InstanceId(Optional.of(" crosscheck-0 ")).value());
    }

    @Test
    void withoutOneEachProcessGetsItsOwnId() {
        String first = new InstanceId(Optional.empty()).value();
        String second = new InstanceId(Optional.of("  ")).value();
        assertNotEquals(first, second);
        assertTrue(first.length() <= InstanceId.MAX_LENGTH, first);
    }

    @Test
    void anIdLongerThanTheOwnerColumnsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InstanceId(Optional.of("x".repeat(InstanceId.MAX_LENGTH + 1))));
    }
}
