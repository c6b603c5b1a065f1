package org.schoolesia.emulator;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.interfaces.ECPrivateKey;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Writes the public DEMO/TEST keys of realm-config/keys: {@code DemoKeys <folder>}.
 * Never use these keys in production.
 */
public final class DemoKeys {
    private DemoKeys() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "realm-config/keys");
        Files.createDirectories(dir);
        Crypto.init();

        KeyPair client = gostKeyPair();
        X509Certificate clientCert = selfSigned(client, "CN=SCHOOL-DEMO test system", Crypto.GOST_SIGNATURE);
        write(dir, "client-gost", client, clientCert);
        BigInteger d = ((ECPrivateKey) client.getPrivate()).getD();
        Files.writeString(dir.resolve("client-gost.rawkey.hex"), String.format("%064x", d) + "\n", StandardCharsets.US_ASCII);
        KeyStore p12 = KeyStore.getInstance("PKCS12", Crypto.BC);
        p12.load(null, null);
        p12.setKeyEntry("client-gost", client.getPrivate(), "demo".toCharArray(), new Certificate[]{clientCert});
        try (OutputStream out = Files.newOutputStream(dir.resolve("client-gost.p12"))) {
            p12.store(out, "demo".toCharArray());
        }

        KeyPair other = gostKeyPair();
        write(dir, "client-gost-other", other, selfSigned(other, "CN=UNREGISTERED test system", Crypto.GOST_SIGNATURE));

        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        KeyPair rsa = rsaGen.generateKeyPair();
        write(dir, "esia-rsa", rsa, selfSigned(rsa, "CN=ESIA emulator RSA token signer", Crypto.RSA_SIGNATURE));

        KeyPair esiaGost = gostKeyPair();
        write(dir, "esia-gost", esiaGost, selfSigned(esiaGost, "CN=ESIA emulator GOST token signer", Crypto.GOST_SIGNATURE));

        KeyPair esiaOther = gostKeyPair();
        write(dir, "esia-gost-other", esiaOther, selfSigned(esiaOther, "CN=NOT ESIA (foreign GOST signer)", Crypto.GOST_SIGNATURE));
        System.out.println("demo keys written to " + dir.toAbsolutePath());
    }

    static KeyPair gostKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("ECGOST3410-2012", Crypto.BC);
        g.initialize(new ECGenParameterSpec("Tc26-Gost-3410-12-256-paramSetA"), new SecureRandom());
        return g.generateKeyPair();
    }

    static X509Certificate selfSigned(KeyPair kp, String dn, String sigAlg) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name(dn);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3652))), name, kp.getPublic());
        return new JcaX509CertificateConverter().setProvider(Crypto.BC)
                .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).setProvider(Crypto.BC).build(kp.getPrivate())));
    }

    private static void write(Path dir, String name, KeyPair kp, X509Certificate cert) throws Exception {
        Files.writeString(dir.resolve(name + ".key.pem"), Pem.encode("PRIVATE KEY", kp.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(name + ".crt.pem"), Pem.encode("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    }
}
