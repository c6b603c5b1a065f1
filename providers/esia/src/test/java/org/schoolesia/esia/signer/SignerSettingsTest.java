package org.schoolesia.esia.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignerSettingsTest {

    @Test
    void readsTheSignerKeysWithDefaults() {
        SignerSettings s = new SignerSettings(Map.of(SignerSettings.URL, " https://signer/sign ",
                SignerSettings.KEY, "  ", "unrelated", "x"));
        assertEquals("https://signer/sign", s.url());
        assertNull(s.key());
        assertEquals(Duration.ofMillis(5000), s.timeout());
        assertEquals(Duration.ofMillis(250),
                SignerSettings.from(Map.of(SignerSettings.TIMEOUT_MILLIS, "250")).timeout());
    }

    @Test
    void badTimeoutSaysWhatIsExpected() {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> new SignerSettings(Map.of(SignerSettings.TIMEOUT_MILLIS, "5s")));
        assertTrue(e.getMessage().contains("milliseconds"), e.getMessage());
        assertThrows(EsiaSignerException.class, () -> new SignerSettings(Map.of(SignerSettings.TIMEOUT_MILLIS, "0")));
        assertEquals(SignerSettings.MAX_TIMEOUT, new SignerSettings(Map.of(SignerSettings.TIMEOUT_MILLIS, "3600000")).timeout(),
                "an hour-long wait for a signature is cut to the maximum");
    }

    @Test
    void fingerprintDependsOnEveryValueAndHidesThem() {
        SignerSettings a = new SignerSettings(Map.of(SignerSettings.KEY, "ab", SignerSettings.KEY_PASSWORD, "c"));
        SignerSettings b = new SignerSettings(Map.of(SignerSettings.KEY, "a", SignerSettings.KEY_PASSWORD, "bc"));
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(),
                new SignerSettings(Map.of(SignerSettings.KEY, "ab", SignerSettings.KEY_PASSWORD, "c")).fingerprint());
        SignerSettings secret = new SignerSettings(Map.of(SignerSettings.KEY, "private-key-text",
                SignerSettings.KEY_PASSWORD, "password-text"));
        assertFalse(secret.toString().contains("private-key-text"));
        assertFalse(secret.toString().contains("password-text"));
        assertTrue(secret.fingerprint().matches("[0-9a-f]{64}"));
    }
}
