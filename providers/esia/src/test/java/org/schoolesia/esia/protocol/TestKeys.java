package org.schoolesia.esia.protocol;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and self-signed certificates made on the fly, as ESIA's test environment accepts them. */
public final class TestKeys {

    private TestKeys() {
    }

    public static KeyPair gost() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("ECGOST3410-2012", GostCrypto.provider());
        generator.initialize(new ECGenParameterSpec("Tc26-Gost-3410-12-256-paramSetA"));
        return generator.generateKeyPair();
    }

    public static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** Self-signed, parsed back by the JDK's certificate factory like a configured PEM would be. */
    public static X509Certificate certificate(KeyPair keys, String cn) throws Exception {
        String algorithm = "RSA".equals(keys.getPublic().getAlgorithm()) ? "SHA256withRSA"
                : GostCrypto.SIGNATURE_ALGORITHM;
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + cn);
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name,
                keys.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).setProvider(GostCrypto.provider())
                        .build(keys.getPrivate()))
                .getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    public static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
