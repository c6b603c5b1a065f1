package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Issue 11: the person's own page never shows an ESIA oid in full. */
class MaskedOidTest {

    @Test
    void onlyTheLastThreeCharactersShow() {
        assertEquals("*******001", MaskedOid.of("1000000001"));
        assertEquals("****567", MaskedOid.of(" 1234567 "));
    }

    @Test
    void shortValuesAreMaskedWhole() {
        assertEquals("******", MaskedOid.of("123456"));
        assertEquals("*", MaskedOid.of(""));
        assertNull(MaskedOid.of(null));
    }
}
