package org.schoolesia.emulator;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Minimal PEM reading and writing (PKCS#8 private keys, X.509 certificates). */
public final class Pem {
    private Pem() {
    }

    public static byte[] decode(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException("no PEM block '" + type + "'");
        }
        String body = pem.substring(b + begin.length(), e).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey readPrivateKey(Path file) {
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(decode(pem, "PRIVATE KEY"));
            return new JcaPEMKeyConverter().setProvider(Crypto.BC).getPrivateKey(info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read private key " + file, e);
        }
    }

    public static X509Certificate readCertificate(Path file) {
        try {
            return parseCertificate(decode(Files.readString(file, StandardCharsets.US_ASCII), "CERTIFICATE"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + file, e);
        }
    }

    public static X509Certificate parseCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", Crypto.BC)
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("bad certificate", e);
        }
    }
}
