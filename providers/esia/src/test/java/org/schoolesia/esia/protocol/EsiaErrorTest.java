package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EsiaErrorTest {

    @Test
    void readsTheCodeFromTheDescription() {
        EsiaError e = EsiaError.fromDescription("ESIA-007004: Пользователь отказал в доступе");
        assertSame(EsiaError.ACCESS_DENIED, e);
        assertEquals("007004", e.code());
        assertEquals("esiaError007004", e.messageKey());
        assertTrue(e.userCancelled());
        assertFalse(EsiaError.BAD_CLIENT_SECRET.userCancelled());
    }

    @Test
    void nullGarbageAndUnknownCodesAreUnknown() {
        assertSame(EsiaError.UNKNOWN, EsiaError.fromDescription(null));
        assertSame(EsiaError.UNKNOWN, EsiaError.fromDescription("something broke"));
        EsiaError unknown = EsiaError.fromDescription("ESIA-007099: new error");
        assertEquals("UNKNOWN", unknown.code());
        assertEquals("esiaErrorUnknown", unknown.messageKey());
        assertTrue(unknown.adminHint().contains("ESIA-007099"), unknown.adminHint());
    }

    @Test
    void missingParameterHintNamesTheParameter() {
        EsiaError e = EsiaError.fromDescription("ESIA-007014: Запрос не содержит обязательного параметра [timestamp]");
        assertEquals("007014", e.code());
        assertEquals("timestamp", e.detail());
        assertTrue(e.adminHint().contains("(timestamp)"), e.adminHint());
        assertTrue(e.adminHint().contains("%2B"), e.adminHint());
        assertEquals(e, EsiaError.fromDescription("ESIA-007014: ... [timestamp]"));
        assertFalse(EsiaError.MISSING_PARAMETER.adminHint().contains("%s"));
    }

    @Test
    void hintsTellTheOperatorWhatToCheck() {
        assertTrue(EsiaError.fromDescription("ESIA-007053: x").adminHint().contains("reverse signature bytes"));
        assertTrue(EsiaError.fromDescription("ESIA-007015: x").adminHint().contains("NTP"));
        assertTrue(EsiaError.fromDescription("ESIA-007023: x").adminHint().contains("/broker/"));
    }

    @Test
    void catalogueHasDistinctKeysAndOneSentenceHints() {
        Set<String> keys = new HashSet<>();
        for (EsiaError e : EsiaError.catalogue()) {
            assertTrue(keys.add(e.messageKey()), e.messageKey());
            assertFalse(e.adminHint().isBlank());
            assertSame(e, e.code().equals("UNKNOWN") ? EsiaError.UNKNOWN
                    : EsiaError.fromDescription("ESIA-" + e.code() + ": x"));
        }
        assertEquals(13, keys.size());
    }
}
