package org.schoolesia.school.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.accounts.CredentialChecks.Refusal;

/** R-ODO-2, R-ODO-3: who the account is is checked before what was typed. */
class CredentialChecksTest {

    @Test
    void notAMemberLooksAbsentWhateverWasTyped() {
        assertEquals(Optional.of(Refusal.NOT_FOUND), CredentialChecks.check(false, false, "short", "other"));
        assertEquals(Optional.of(Refusal.NOT_FOUND), CredentialChecks.check(false, true, "Good-pass-1", "Good-pass-1"));
    }

    @Test
    void r_odo_2_anotherHomeOrganisationIsRefusedBeforeThePasswordIsLookedAt() {
        assertEquals(Optional.of(Refusal.NOT_HOME_ORGANIZATION), CredentialChecks.check(true, false, "short", "other"));
        assertEquals(Optional.of(Refusal.NOT_HOME_ORGANIZATION), CredentialChecks.check(true, false, "Good-pass-1", "Good-pass-1"));
    }

    @Test
    void r_odo_3_mismatchBeforeLength() {
        assertEquals(Optional.of(Refusal.PASSWORD_MISMATCH), CredentialChecks.check(true, true, "short", "other"));
        assertEquals(Optional.of(Refusal.PASSWORD_MISMATCH), CredentialChecks.check(true, true, "Good-pass-1", null));
    }

    @Test
    void r_odo_3_atLeastEightCharacters() {
        assertEquals(Optional.of(Refusal.PASSWORD_TOO_SHORT), CredentialChecks.check(true, true, "1234567", "1234567"));
        assertEquals(Optional.of(Refusal.PASSWORD_TOO_SHORT), CredentialChecks.check(true, true, null, null));
        assertTrue(CredentialChecks.check(true, true, "12345678", "12345678").isEmpty());
        // Characters, not bytes or UTF-16 units.
        assertTrue(CredentialChecks.check(true, true, "пароль12", "пароль12").isEmpty());
    }
}
