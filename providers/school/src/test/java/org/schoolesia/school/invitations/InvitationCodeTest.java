package org.schoolesia.school.invitations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** R-FAM-2: the invitation code is strong enough, printable in groups and typed back forgivingly. */
class InvitationCodeTest {

    @Test
    void r_fam_2_aCodeCarriesAtLeastFiftyBits() {
        assertTrue(InvitationCode.bits() >= 50, "bits: " + InvitationCode.bits());
        assertEquals(30, InvitationCode.ALPHABET.chars().distinct().count());
    }

    @Test
    void r_fam_2_theAlphabetHasNoLookAlikes() {
        for (char c : "01OILU".toCharArray()) {
            assertEquals(-1, InvitationCode.ALPHABET.indexOf(c), "no " + c);
        }
    }

    @Test
    void r_fam_2_codesAreDrawnFromTheAlphabetAndDiffer() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = InvitationCode.generate(random);
            assertEquals(12, code.length());
            assertTrue(code.chars().allMatch(ch -> InvitationCode.ALPHABET.indexOf(ch) >= 0), code);
            assertTrue(seen.add(code), "a repeat: " + code);
        }
    }

    @Test
    void r_fam_2_everyCharacterOfTheAlphabetIsUsed() {
        SplittableRandom random = new SplittableRandom(42);
        Set<Character> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            InvitationCode.generate(random).chars().forEach(ch -> used.add((char) ch));
        }
        assertEquals(30, used.size());
    }

    @Test
    void r_fam_2_printedInThreeGroupsOfFour() {
        assertEquals("7KQM-3XHD-P9TC", InvitationCode.grouped("7KQM3XHDP9TC"));
    }

    @Test
    void r_fam_2_typedBackCaseInsensitivelyWithOrWithoutSeparators() {
        Optional<String> expected = Optional.of("7KQM3XHDP9TC");
        assertEquals(expected, InvitationCode.read("7KQM-3XHD-P9TC"));
        assertEquals(expected, InvitationCode.read("7kqm3xhdp9tc"));
        assertEquals(expected, InvitationCode.read(" 7kqm 3xhd\tp9tc "));
        assertEquals(expected, InvitationCode.read("7KQM–3XHD—P9TC"), "en and em dashes from a phone's keyboard");
        assertEquals(expected, InvitationCode.read("7KQM\u00a03XHD.P9TC"));
    }

    @Test
    void r_fam_2_cyrillicLookAlikesReadAsLatin() {
        // «К», «М», «Х», «Н», «Р», «Т», «С» typed on a Russian keyboard; «з» for 3.
        assertEquals(Optional.of("7KQM3XHDP9TC"), InvitationCode.read("7КQМ-зХНD-Р9ТС"));
        assertEquals(Optional.of("ABEKMHPCTXY3"), InvitationCode.read("авекмнрстхуз"));
    }

    @Test
    void r_fam_2_whatCannotBeACodeIsNoCode() {
        assertFalse(InvitationCode.read(null).isPresent());
        assertFalse(InvitationCode.read("").isPresent());
        assertFalse(InvitationCode.read("7KQM-3XHD-P9T").isPresent(), "too short");
        assertFalse(InvitationCode.read("7KQM-3XHD-P9TCC").isPresent(), "too long");
        assertFalse(InvitationCode.read("0KQM-3XHD-P9TC").isPresent(), "0 is no character of the code");
        assertFalse(InvitationCode.read("IKQM-3XHD-P9TC").isPresent(), "nor is I");
        assertFalse(InvitationCode.read("ЖKQM-3XHD-P9TC").isPresent(), "a Cyrillic letter with no Latin twin");
        assertFalse(InvitationCode.read("7".repeat(65)).isPresent());
    }
}
