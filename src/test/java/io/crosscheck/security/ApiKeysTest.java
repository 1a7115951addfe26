package io.crosscheck.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    final ApiKeys keys = ApiKeys.parse(List.of("k1-secret:editor", " k2-secret:reader ", ""));

    @Test
    void aKnownKeyGrantsItsRole() {
        assertEquals("editor", keys.match("k1-secret").orElseThrow().role());
        assertEquals("reader", keys.match("k2-secret").orElseThrow().role());
        assertEquals(2, keys.size());
    }

    @Test
    void anUnknownKeyOrAPrefixIsNotAKey() {
        assertTrue(keys.match("k1-secre").isEmpty());
        assertTrue(keys.match("k1-secret:editor").isEmpty());
        assertTrue(keys.match("").isEmpty());
    }

    @Test
    void aKeyIsNamedByItsHashNeverByItself() {
        String name = keys.match("k1-secret").orElseThrow().name();
        assertTrue(name.matches("api-key:[0-9a-f]{16}"), name);
        assertFalse(name.contains("k1-secret"));
        assertNotEquals(name, keys.match("k2-secret").orElseThrow().name());
    }

    @Test
    void aKeyMayContainColons() {
        assertEquals("reader", ApiKeys.parse(List.of("a:b:c:reader")).match("a:b:c").orElseThrow().role());
    }

    @Test
    void anEntryWithoutAKnownRoleStopsTheStartWithoutShowingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("s3cret:admin")));
        assertFalse(e.getMessage().contains("s3cret"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("no-role")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of(":editor")));
    }

    @Test
    void noKeysIsEmpty() {
        assertTrue(ApiKeys.parse(List.of()).isEmpty());
    }
}
