package org.schoolesia.esia.signer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signer's configuration, with values already resolved from Keycloak's vault by the caller.
 * Immutable; {@link #toString()} shows which settings are present, never their values.
 */
public final class SignerSettings {

    /** PKCS#8 PEM (plain or encrypted), base64 of a PKCS#12 file, or a raw 32-byte key as 64 hex. */
    public static final String KEY = "signerKey";
    public static final String KEY_PASSWORD = "signerKeyPassword";
    /** PEM of the certificate registered on ESIA's technical portal. */
    public static final String CERTIFICATE = "signerCertificate";
    public static final String URL = "signerUrl";
    /** Sent verbatim as the {@code Authorization} header to the HTTP signer. */
    public static final String AUTHORIZATION = "signerAuthorization";
    public static final String TIMEOUT_MILLIS = "signerTimeoutMillis";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);
    /** A login must not wait longer for a signature; a larger stored value (an import) is cut to this. */
    public static final Duration MAX_TIMEOUT = Duration.ofMillis(60_000);

    /** Per-process HMAC key: cache fingerprints of secrets must not be guessable offline. They never leave this JVM, so nodes need not share it. */
    private static final byte[] FINGERPRINT_KEY = randomKey();

    private final String key;
    private final String keyPassword;
    private final String certificate;
    private final String url;
    private final String authorization;
    private final Duration timeout;

    /**
     * Reads the {@code signer*} keys and ignores the rest, so an identity provider's whole config
     * map can be passed.
     *
     * @throws EsiaSignerException when {@code signerTimeoutMillis} is not a positive number
     */
    public SignerSettings(Map<String, String> values) {
        Map<String, String> v = values == null ? Map.of() : values;
        this.key = blankToNull(v.get(KEY));
        this.keyPassword = emptyToNull(v.get(KEY_PASSWORD));
        this.certificate = blankToNull(v.get(CERTIFICATE));
        this.url = blankToNull(v.get(URL));
        this.authorization = blankToNull(v.get(AUTHORIZATION));
        this.timeout = timeout(blankToNull(v.get(TIMEOUT_MILLIS)));
    }

    /** Same as the constructor. */
    public static SignerSettings from(Map<String, String> values) {
        return new SignerSettings(values);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static Duration timeout(String millis) {
        if (millis == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long ms = Long.parseLong(millis.trim());
            if (ms > 0) {
                return Duration.ofMillis(Math.min(ms, MAX_TIMEOUT.toMillis()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EsiaSignerException(TIMEOUT_MILLIS + " must be a positive number of milliseconds, e.g. 5000");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Passwords may legitimately have edge spaces: only an empty one counts as absent. */
    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    public String key() {
        return key;
    }

    public String keyPassword() {
        return keyPassword;
    }

    public String certificate() {
        return certificate;
    }

    public String url() {
        return url;
    }

    public String authorization() {
        return authorization;
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * A stable identifier of these exact settings for caching parsed keys and clients. It is a
     * keyed hash, so neither the values nor a guessable digest of them end up in memory dumps of
     * the cache or in logs.
     */
    public String fingerprint() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
            for (String value : new String[] {key, keyPassword, certificate, url, authorization,
                    Long.toString(timeout.toMillis())}) {
                byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
                // length-prefixed so that ("ab","c") and ("a","bc") differ; -1 marks null
                mac.update(intBytes(value == null ? -1 : bytes.length));
                mac.update(bytes);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private static byte[] intBytes(int i) {
        return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }

    @Override
    public String toString() {
        StringJoiner present = new StringJoiner(", ", "SignerSettings[", "]");
        if (key != null) {
            present.add(KEY + "=***");
        }
        if (keyPassword != null) {
            present.add(KEY_PASSWORD + "=***");
        }
        if (certificate != null) {
            present.add(CERTIFICATE + "=set");
        }
        if (url != null) {
            present.add(URL + "=set");
        }
        if (authorization != null) {
            present.add(AUTHORIZATION + "=***");
        }
        present.add(TIMEOUT_MILLIS + "=" + timeout.toMillis());
        return present.toString();
    }
}
