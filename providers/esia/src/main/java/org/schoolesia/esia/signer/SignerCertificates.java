package org.schoolesia.esia.signer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Reads the configured certificate: PEM, or bare base64 of the DER as some portals hand it out. */
public final class SignerCertificates {

    private SignerCertificates() {
    }

    public static X509Certificate parse(String pemOrBase64) {
        if (pemOrBase64 == null) {
            throw new EsiaSignerException(SignerSettings.CERTIFICATE + " is not set: paste the PEM of the "
                    + "certificate registered for the system on ESIA's technical portal");
        }
        try {
            byte[] input;
            if (pemOrBase64.contains("-----BEGIN")) {
                input = pemOrBase64.getBytes(StandardCharsets.US_ASCII);
            } else {
                input = Base64.getMimeDecoder().decode(pemOrBase64);
            }
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(input));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new EsiaSignerException(SignerSettings.CERTIFICATE + " is not a readable X.509 certificate: "
                    + "expected PEM (-----BEGIN CERTIFICATE-----) or base64 DER", e);
        }
    }
}
