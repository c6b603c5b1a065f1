package org.schoolesia.esia.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** "Forwarded login parameters" and "Read children only when": the generic way a deployment passes its choices through ESIA. */
class LoginParametersTest {

    private static final LoginParameters PARAMETERS = LoginParameters.parse("mode=a|b|c, lang");

    @Test
    void allowedValuesAreKeptAsNamespacedClientNotesAndOthersDropped() {
        assertEquals(Map.of("esia.param.mode", "b", "esia.param.lang", "ru"),
                PARAMETERS.notes(Map.of("mode", List.of("b"), "lang", List.of("ru"), "other", List.of("x"))));
        assertEquals(Map.of(), PARAMETERS.notes(Map.of("mode", List.of("d"))), "not a listed value");
        assertEquals(Map.of(), PARAMETERS.notes(Map.of("lang", List.of("ru\nX-Forged: 1"))), "a free value must be plain");
        assertEquals(Map.of(), PARAMETERS.notes(Map.of("lang", List.of("x".repeat(65)))));
        assertEquals(Map.of(), PARAMETERS.notes(Map.of("mode", List.of())));
        assertEquals(Map.of(), LoginParameters.parse("").notes(Map.of("mode", List.of("a"))));
    }

    @Test
    void theRelyingClientsParameterWinsOverTheForwardedOne() {
        Map<String, String> notes = new HashMap<>();
        notes.put("esia.param.mode", "a");
        assertEquals("a", PARAMETERS.value(notes::get, "mode"));
        notes.put("client_request_param_mode", " c ");
        assertEquals("c", PARAMETERS.value(notes::get, "mode"));
        notes.put("client_request_param_mode", "unknown");
        assertEquals("a", PARAMETERS.value(notes::get, "mode"), "an unknown value counts as none");
        notes.put("esia.param.mode", "zz");
        assertNull(PARAMETERS.value(notes::get, "mode"));
    }

    @Test
    void badSettingsAreRefusedWithTheEntryNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoginParameters.parse("ok, bad name!"));
        assertTrue(e.getMessage().contains("name!"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LoginParameters.parse("mode=a||b"));
        assertTrue(e.getMessage().contains("mode=a||b"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChildrenCondition.parse("mode"));
        assertThrows(IllegalArgumentException.class, () -> ChildrenCondition.parse("=a"));
        assertThrows(IllegalArgumentException.class, () -> ChildrenCondition.parse("mode=a b"));
    }

    @Test
    void childrenAreReadAlwaysWithoutACondition() {
        assertTrue(ChildrenCondition.parse(" ").wanted(PARAMETERS, Map.of("esia.param.mode", "b")::get));
    }

    @Test
    void childrenAreReadOnlyForTheConditionsValuesOrWhenTheChoiceIsStillOpen() {
        ChildrenCondition condition = ChildrenCondition.parse("mode=a|c");
        assertEquals(Set.of("a", "c"), condition.values());
        assertTrue(condition.wanted(PARAMETERS, Map.of("esia.param.mode", "a")::get));
        assertFalse(condition.wanted(PARAMETERS, Map.of("esia.param.mode", "b")::get));
        assertFalse(condition.wanted(PARAMETERS, Map.of("client_request_param_mode", "b", "esia.param.mode", "a")::get));
        assertTrue(condition.wanted(PARAMETERS, Map.<String, String>of()::get), "no choice yet: it may be made after ESIA");
        assertTrue(condition.wanted(PARAMETERS, Map.of("esia.param.mode", "nonsense")::get));
    }

    @Test
    void numericSettingsHaveBoundsOnSaveAndAreClampedAtUse() {
        Bounds timeout = EsiaIdentityProviderConfig.HTTP_TIMEOUT;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> timeout.check("0"));
        assertTrue(e.getMessage().contains("ESIA call deadline (ms) must be from 500 to 60000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> timeout.check("600001"));
        assertThrows(IllegalArgumentException.class, () -> timeout.check("ten"));
        timeout.check("1500");
        timeout.check(null);
        assertEquals(500, timeout.clamped("0"), "a stored 0 never means wait forever");
        assertEquals(10_000, timeout.clamped("ten"));
        assertEquals(300, EsiaIdentityProviderConfig.TOKEN_LEEWAY.clamped("86400"));
        assertThrows(IllegalArgumentException.class, () -> EsiaIdentityProviderConfig.TOKEN_LEEWAY.check("301"));
        assertThrows(IllegalArgumentException.class, () -> EsiaIdentityProviderConfig.SIGNER_TIMEOUT.check("0"));
        assertThrows(IllegalArgumentException.class, () -> EsiaIdentityProviderConfig.MAX_RESPONSE.check("-1"));
    }
}
