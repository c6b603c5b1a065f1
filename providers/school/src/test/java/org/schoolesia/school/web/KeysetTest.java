package org.schoolesia.school.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeysetTest {

    @Test
    void issue14_aCursorComesBackAsItWasGiven() {
        Keyset cursor = Keyset.of("1733500000000", "a1b2-c3");
        Keyset back = Keyset.parse(cursor.encode(), 2, 0).orElseThrow();
        assertEquals(cursor, back);
        assertEquals(1733500000000L, back.number(0));
        assertEquals("a1b2-c3", back.value(1));
        assertTrue(cursor.encode().matches("[A-Za-z0-9_-]+"), "URL-safe: " + cursor.encode());
        assertEquals(Optional.empty(), Keyset.parse(null, 2));
        assertEquals(Optional.empty(), Keyset.parse(" ", 2));
        // Surnames may hold any character but the separator.
        assertEquals(Keyset.of("Иванова-Петрова", "Анна Мария", "id"), Keyset.parse(Keyset.of("Иванова-Петрова", "Анна Мария", "id").encode(), 3).orElseThrow());
    }

    @Test
    void issue14_aCursorThisListDidNotGiveIsRefused() {
        for (String bad : new String[]{"%%%", Keyset.of("1", "2", "3").encode(), Keyset.of("soon", "id").encode(), "A".repeat(600)}) {
            Refused refused = assertThrows(Refused.class, () -> Keyset.parse(bad, 2, 0), bad);
            assertEquals(400, refused.status());
        }
        Optional<Keyset> cursor = Keyset.parse(Keyset.of("1", "x").encode(), 2, 0);
        assertThrows(Refused.class, () -> Keyset.notBoth(new Paging(50, 10), cursor), "first and after at once");
        Keyset.notBoth(new Paging(0, 10), cursor);
        Keyset.notBoth(new Paging(50, 10), Optional.empty());
    }
}
