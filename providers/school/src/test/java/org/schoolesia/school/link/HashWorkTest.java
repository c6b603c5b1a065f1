package org.schoolesia.school.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Defect 8: every answer of the link page costs the same hash work as checking that account's password. */
class HashWorkTest {

    private static final HashWork.Stored PBKDF2 = new HashWork.Stored("pbkdf2-sha512", 210_000);

    @Test
    void defect8_aPasswordToCheckVerifiesTheStoredCredential() {
        HashWork work = HashWork.choose(PBKDF2, true, "argon2", 5);
        assertTrue(work.verifyStored());
        assertEquals("pbkdf2-sha512", work.algorithm());
        assertEquals(210_000, work.iterations());
    }

    @Test
    void defect8_aLockedAccountOrAnEmptyPasswordHashesWithTheStoredAlgorithmAndCost() {
        HashWork work = HashWork.choose(PBKDF2, false, "argon2", 5);
        assertFalse(work.verifyStored());
        assertEquals("pbkdf2-sha512", work.algorithm(), "the account's own algorithm, not the realm's");
        assertEquals(210_000, work.iterations());
    }

    @Test
    void defect8_anAccountWithoutPasswordHashesWithTheRealmPolicy() {
        HashWork work = HashWork.choose(null, true, "argon2", 5);
        assertFalse(work.verifyStored(), "nothing stored to verify, yet hashing happens");
        assertEquals("argon2", work.algorithm());
        assertEquals(5, work.iterations());
    }

    @Test
    void defect8_noRealmPolicyMeansTheDefaultAlgorithmAndItsDefaultCost() {
        HashWork work = HashWork.choose(null, false, null, -1);
        assertFalse(work.verifyStored());
        assertEquals(null, work.algorithm());
        assertEquals(-1, work.iterations());
    }
}
