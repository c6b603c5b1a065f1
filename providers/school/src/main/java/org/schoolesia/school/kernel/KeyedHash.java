package org.schoolesia.school.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash under which we store a value we must find again but never read back (an
 * invitation code, a SNILS): HMAC-SHA-256 under a key derived from the given secret for one
 * purpose (so one secret serves several uses without their hashes meeting), over the realm id and
 * the value (so a value's hash in one realm says nothing in another). 64 hex digits.
 */
@PureRule
public final class KeyedHash {

    private static final String MAC = "HmacSHA256";
    /** The purpose SNILS are hashed for ({@link SnilsHash}); public for bulk loads that write our tables with the server's key. */
    public static final String SNILS = "school-esia snils v1";

    private KeyedHash() {
    }

    public static String hex(byte[] secret, String purpose, String realmId, String value) {
        try {
            Mac derive = Mac.getInstance(MAC);
            derive.init(new SecretKeySpec(secret, MAC));
            byte[] ours = derive.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(ours, MAC));
            mac.update(realmId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
