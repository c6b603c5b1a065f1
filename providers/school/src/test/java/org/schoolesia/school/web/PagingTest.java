package org.schoolesia.school.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void defaultsWhenNotGiven() {
        assertEquals(new Paging(0, 50), Paging.of(null, " "));
    }

    @Test
    void boundsAreInclusive() {
        assertEquals(new Paging(10_000, 100), Paging.of("10000", "100"));
        assertEquals(new Paging(0, 1), Paging.of("0", "1"));
    }

    @Test
    void defect11_issue10_anythingOutOfBoundsIsRefusedNotCorrected() {
        for (String[] bad : new String[][] {{"10001", null}, {"-1", null}, {"x", null}, {null, "0"}, {null, "101"}, {null, "ten"},
                {"99999999999", null}}) {
            Refused r = assertThrows(Refused.class, () -> Paging.of(bad[0], bad[1]));
            assertEquals(400, r.status());
            assertEquals("invalid_paging", r.code());
        }
    }
}
