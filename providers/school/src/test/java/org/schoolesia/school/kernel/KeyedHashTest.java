package org.schoolesia.school.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class KeyedHashTest {

    private static final byte[] SECRET = "a secret of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);

    /** The invitation codes stored before issue 14 must still verify: same bytes as the hasher they had. */
    @Test
    void sameHashAsTheInvitationHasherBeforeIssue14() throws Exception {
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] ours = derive.doFinal("school-esia invitation code v1".getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ours, "HmacSHA256"));
        mac.update("realm-1".getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        String before = HexFormat.of().formatHex(mac.doFinal("K7QP2M9X".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(before, KeyedHash.hex(SECRET, "school-esia invitation code v1", "realm-1", "K7QP2M9X"));
    }

    @Test
    void issue14_snilsHashesDependOnKeyPurposeAndRealmAndHoldNoDigits() {
        String hash = KeyedHash.hex(SECRET, "school-esia snils v1", "realm-1", "11223344595");
        assertEquals(64, hash.length());
        assertTrue(hash.matches("[0-9a-f]{64}"));
        assertTrue(!hash.contains("11223344595"));
        assertEquals(hash, KeyedHash.hex(SECRET, "school-esia snils v1", "realm-1", "11223344595"), "stable: lookups find it");
        assertNotEquals(hash, KeyedHash.hex(SECRET, "school-esia snils v1", "realm-2", "11223344595"), "another realm");
        assertNotEquals(hash, KeyedHash.hex(SECRET, "school-esia invitation code v1", "realm-1", "11223344595"), "another purpose");
        assertNotEquals(hash, KeyedHash.hex("another secret of thirty-two characters".getBytes(StandardCharsets.UTF_8),
                "school-esia snils v1", "realm-1", "11223344595"), "another key");
    }

    @Test
    void issue14_aProductionStartWithoutAKeyFailsSayingWhichOption() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> SnilsHashFactory.key(null, false));
        assertTrue(missing.getMessage().contains("--spi-school-snils--default--key"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> SnilsHashFactory.key("  ", false));
        IllegalStateException shortKey = assertThrows(IllegalStateException.class, () -> SnilsHashFactory.key("too short", true));
        assertTrue(shortKey.getMessage().contains("shorter than 32"), shortKey.getMessage());
        assertEquals(SnilsHashFactory.DEVELOPMENT_KEY, SnilsHashFactory.key(null, true), "start-dev: the development key, with a warning");
        assertEquals("school-esia-tests-snils-key-0123456789", SnilsHashFactory.key(" school-esia-tests-snils-key-0123456789 ", false));
    }

    @Test
    void issue14_theConversionReadsStoredSnilsAndMasksThem() {
        assertEquals("11223344595", ClearSnilsConversion.digits("11223344595"));
        assertEquals("11223344595", ClearSnilsConversion.digits("112-233-445 95"));
        assertEquals(null, ClearSnilsConversion.digits("1122334459"));
        assertEquals("***-***-*** 95", ClearSnilsConversion.masked("11223344595"));
    }
}
