package org.schoolesia.esia.protocol;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * {@code client_certificate_hash}: upper-case hex of Streebog-256 over the certificate's DER.
 * Not a SHA-1 thumbprint: ESIA refuses those with ESIA-007053.
 */
public final class CertificateHash {

    private CertificateHash() {
    }

    /** 64 upper-case hex characters. */
    public static String of(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(GostCrypto.streebog256(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be DER-encoded, so its hash cannot be "
                    + "computed; check the configured certificate PEM", e);
        }
    }
}
