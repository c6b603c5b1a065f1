package org.schoolesia.school.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.kernel.KeyedHash;
import org.schoolesia.school.family.CardSnilsRule.AtLogin;
import org.schoolesia.school.family.CardSnilsRule.Refusal;

class CardSnilsRuleTest {

    private static final String MOTHER = "112-233-445 95";
    private static final String CHILD = "12345678964";

    @Test
    void r_fam_3_aSnilsIsTypedInAnyShapeAndKeptAsElevenDigits() {
        assertEquals(Optional.of("11223344595"), CardSnilsRule.digits(MOTHER));
        assertEquals(Optional.of("11223344595"), CardSnilsRule.digits(" 112 233 445-95 "));
        assertEquals(Optional.empty(), CardSnilsRule.refusal("11223344595", CHILD));
    }

    @Test
    void r_fam_3_aWrongChecksumAShortNumberLettersAndUncheckableNumbersAreRefused() {
        assertEquals(Optional.of(Refusal.INVALID), CardSnilsRule.refusal("11223344596", CHILD), "checksum");
        assertEquals(Optional.of(Refusal.INVALID), CardSnilsRule.refusal("1122334459", CHILD), "ten digits");
        assertEquals(Optional.of(Refusal.INVALID), CardSnilsRule.refusal("112-233-445 9O", CHILD), "a letter O");
        assertEquals(Optional.of(Refusal.INVALID), CardSnilsRule.refusal("000-000-000 00", CHILD), "no checksum below 001-001-998");
        assertEquals(Optional.of(Refusal.INVALID), CardSnilsRule.refusal("", CHILD));
        assertEquals(Optional.of(Refusal.INVALID), CardSnilsRule.refusal(null, CHILD));
    }

    @Test
    void r_fam_3_r_fam_5_theChildsOwnSnilsIsNoParentsSnils() {
        assertEquals(Optional.of(Refusal.CHILDS_OWN), CardSnilsRule.refusal("123-456-789 64", CHILD));
        assertEquals(Optional.empty(), CardSnilsRule.refusal(MOTHER, null), "a card without the child's SNILS");
    }

    private static AtLogin facts(boolean confirmed, boolean parent, boolean child, boolean linked, long added, long revoked) {
        return new AtLogin(confirmed, parent, child, linked, added, revoked);
    }

    @Test
    void r_fam_3_aConfirmedParentWithTheSnilsOnTheCardGetsTheChild() {
        assertTrue(CardSnilsRule.grantsAtLogin(facts(true, true, true, false, 1_000, 0)));
    }

    @Test
    void r_fam_3_anUnconfirmedGosuslugiAccountGetsNothing() {
        assertFalse(CardSnilsRule.grantsAtLogin(facts(false, true, true, false, 1_000, 0)));
    }

    @Test
    void r_fam_3_r_fam_5_onlyAParentAccountAndOnlyAPupilsCard() {
        assertFalse(CardSnilsRule.grantsAtLogin(facts(true, false, true, false, 1_000, 0)), "a pupil's or staff account");
        assertFalse(CardSnilsRule.grantsAtLogin(facts(true, true, false, false, 1_000, 0)), "not a pupil's card");
    }

    @Test
    void r_fam_3_aLinkedPairIsNotLinkedAgain() {
        assertFalse(CardSnilsRule.grantsAtLogin(facts(true, true, true, true, 1_000, 0)));
    }

    @Test
    void r_fam_3_aRevocationAfterTheSnilsWasPutOnTheCardSticks_puttingItOnAgainGrantsAgain() {
        assertFalse(CardSnilsRule.grantsAtLogin(facts(true, true, true, false, 1_000, 2_000)), "revoked after the SNILS was added");
        assertFalse(CardSnilsRule.grantsAtLogin(facts(true, true, true, false, 1_000, 1_000)), "same instant: the revocation wins");
        assertTrue(CardSnilsRule.grantsAtLogin(facts(true, true, true, false, 3_000, 2_000)), "added again after the revocation");
    }

    @Test
    void r_fam_3_removingASnilsRevokesOnlyTheLinksItMade() {
        // Compared as stored (issue 14): the card's keyed hash against the parent's SNILS hashed alike.
        String mothers = KeyedHash.hex(KEY, "test", "realm", "11223344595");
        String others = KeyedHash.hex(KEY, "test", "realm", "19876543247");
        assertTrue(CardSnilsRule.revokedByRemoval(mothers, mothers, LinkSource.SNILS));
        assertFalse(CardSnilsRule.revokedByRemoval(mothers, mothers, LinkSource.STAFF), "staff linked by hand");
        assertFalse(CardSnilsRule.revokedByRemoval(mothers, mothers, LinkSource.CODE), "an invitation code");
        assertFalse(CardSnilsRule.revokedByRemoval(mothers, others, LinkSource.SNILS), "another parent's SNILS");
        assertFalse(CardSnilsRule.revokedByRemoval(mothers, null, LinkSource.SNILS), "a parent without SNILS");
    }

    private static final byte[] KEY = "a test key of thirty-two characters".getBytes(java.nio.charset.StandardCharsets.UTF_8);
}
