package org.schoolesia.esia.protocol;

import java.util.Base64;

/** The {@code client_secret} parameter: a signature, base64url without padding. */
public final class ClientSecret {

    static final int RAW_SIGNATURE_LENGTH = 64;

    private ClientSecret() {
    }

    /**
     * Current protocol: the raw GOST R 34.10-2012 (256) signature, 86 characters.
     *
     * @param reverseBytes CryptoPro emits the signature in the opposite byte order from
     *                     BouncyCastle; which one ESIA wants is not documented, hence the switch
     */
    public static String encodeRaw(byte[] signature64, boolean reverseBytes) {
        if (signature64 == null || signature64.length != RAW_SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("client_secret needs a raw 64-byte GOST R 34.10-2012 (256-bit) "
                    + "signature, got " + (signature64 == null ? "none" : signature64.length + " bytes")
                    + "; check that the signer produces a raw signature, not CMS or a 512-bit one");
        }
        byte[] bytes = reverseBytes ? reversed(signature64) : signature64;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Legacy protocol: a detached CMS SignedData in DER. */
    public static String encodeCms(byte[] cmsDer) {
        if (cmsDer == null || cmsDer.length == 0) {
            throw new IllegalArgumentException("client_secret needs a CMS signature, got none");
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cmsDer);
    }

    static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
