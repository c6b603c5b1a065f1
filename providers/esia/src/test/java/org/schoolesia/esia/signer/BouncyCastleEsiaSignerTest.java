package org.schoolesia.esia.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.schoolesia.esia.protocol.CertificateHash;
import org.schoolesia.esia.protocol.GostCrypto;
import org.schoolesia.esia.protocol.TestKeys;
import org.schoolesia.esia.signer.bouncycastle.BouncyCastleEsiaSigner;
import org.schoolesia.esia.signer.bouncycastle.BouncyCastleSignerProviderFactory;

class BouncyCastleEsiaSignerTest {

    private static final byte[] DATA = "SCHOOL01openid fullname2025.09.02 13:00:29 +0300"
            .getBytes(StandardCharsets.UTF_8);
    private static final String PASSWORD = "s3cret пароль";

    private static KeyPair keys;
    private static X509Certificate certificate;
    private static String certificatePem;

    @BeforeAll
    static void keys() throws Exception {
        keys = TestKeys.gost();
        certificate = TestKeys.certificate(keys, "school-system");
        certificatePem = TestKeys.pem(certificate);
    }

    private static SignerSettings settings(String key, String password, String certificate) {
        Map<String, String> values = new HashMap<>();
        values.put(SignerSettings.KEY, key);
        values.put(SignerSettings.KEY_PASSWORD, password);
        values.put(SignerSettings.CERTIFICATE, certificate);
        return new SignerSettings(values);
    }

    /** Verifies with a provider and key built here, not the ones the signer used. */
    private static boolean verifiesIndependently(byte[] signature) throws Exception {
        BouncyCastleProvider fresh = new BouncyCastleProvider();
        PublicKey publicKey = KeyFactory.getInstance("ECGOST3410-2012", fresh)
                .generatePublic(new X509EncodedKeySpec(certificate.getPublicKey().getEncoded()));
        Signature verifier = Signature.getInstance("GOST3411-2012-256WITHECGOST3410-2012-256", fresh);
        verifier.initVerify(publicKey);
        verifier.update(DATA);
        return verifier.verify(signature);
    }

    private static void assertSignsRaw(SignerSettings settings) throws Exception {
        BouncyCastleEsiaSigner signer = BouncyCastleEsiaSigner.from(settings);
        EsiaSignature signature = signer.sign(DATA, SignatureFormat.RAW_GOST_2012_256);
        assertEquals(64, signature.signature().length);
        assertTrue(verifiesIndependently(signature.signature()));
        assertEquals(CertificateHash.of(certificate), signature.certificateHash());
        assertEquals(CertificateHash.of(certificate), signer.certificateHash());
    }

    private static String unencryptedPem() throws Exception {
        return TestKeys.pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate());
    }

    private static String rawHex(boolean littleEndian) {
        byte[] bigEndian = new byte[32];
        byte[] s = ((ECPrivateKey) keys.getPrivate()).getS().toByteArray();
        int copy = Math.min(32, s.length);
        System.arraycopy(s, s.length - copy, bigEndian, 32 - copy, copy);
        if (littleEndian) {
            for (int i = 0; i < 16; i++) {
                byte t = bigEndian[i];
                bigEndian[i] = bigEndian[31 - i];
                bigEndian[31 - i] = t;
            }
        }
        return HexFormat.of().formatHex(bigEndian);
    }

    private static String pkcs12(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12", GostCrypto.provider());
        store.load(null, null);
        store.setKeyEntry("esia", keys.getPrivate(), password.toCharArray(),
                new Certificate[] {certificate});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return Base64.getMimeEncoder().encodeToString(out.toByteArray());
    }

    @Test
    void signsWithUnencryptedPkcs8Pem() throws Exception {
        String pem = unencryptedPem();
        assertTrue(pem.contains("-----BEGIN PRIVATE KEY-----"));
        assertSignsRaw(settings(pem, null, certificatePem));
    }

    @Test
    void signsWithEncryptedPkcs8Pem() throws Exception {
        String pem = TestKeys.pem(new JcaPKCS8Generator(keys.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(GostCrypto.provider())
                        .setPassword(PASSWORD.toCharArray()).build()).generate());
        assertTrue(pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
        assertSignsRaw(settings(pem, PASSWORD, certificatePem));

        EsiaSignerException noPassword = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(pem, null, certificatePem)));
        assertTrue(noPassword.getMessage().contains(SignerSettings.KEY_PASSWORD), noPassword.getMessage());
        EsiaSignerException wrong = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(pem, "wrong", certificatePem)));
        assertTrue(wrong.getMessage().contains("cannot be decrypted"), wrong.getMessage());
    }

    @Test
    void signsWithPkcs12() throws Exception {
        String p12 = pkcs12(PASSWORD);
        assertSignsRaw(settings(p12, PASSWORD, certificatePem));
        assertSignsRaw(settings(p12, PASSWORD, null)); // certificate taken from the store
    }

    @Test
    void unreadablePkcs12PointsAtCryptoProConversion() throws Exception {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(pkcs12(PASSWORD), "wrong", certificatePem)));
        assertTrue(e.getMessage().contains("CryptoPro"), e.getMessage());
        assertTrue(e.getMessage().contains("PKCS#8 PEM"), e.getMessage());
        assertTrue(e.getMessage().contains("http signer"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void signsWithRawHexKeyInEitherByteOrder() throws Exception {
        assertSignsRaw(settings(rawHex(false), null, certificatePem));
        assertSignsRaw(settings(rawHex(false).toUpperCase(), null, certificatePem));
        assertSignsRaw(settings(rawHex(true), null, certificatePem));
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(rawHex(false), null, null)));
        assertTrue(e.getMessage().contains(SignerSettings.CERTIFICATE), e.getMessage());
    }

    @Test
    void cmsDetachedVerifiesWithBcpkix() throws Exception {
        BouncyCastleEsiaSigner signer = BouncyCastleEsiaSigner.from(settings(unencryptedPem(), null, certificatePem));
        byte[] cms = signer.sign(DATA, SignatureFormat.CMS_DETACHED).signature();
        CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(DATA), cms);
        assertEquals(1, signed.getCertificates().getMatches(null).size(), "certificate included");
        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        assertEquals(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256.getId(), info.getDigestAlgOID());
        assertTrue(info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(new BouncyCastleProvider())
                .build(new JcaX509CertificateHolder(certificate))));
        // detached: the data is not inside
        assertEquals(null, new CMSSignedData(cms).getSignedContent());
    }

    @Test
    void refusesAKeyThatIsNotTheCertificatesKey() throws Exception {
        String otherCertificate = TestKeys.pem(TestKeys.certificate(TestKeys.gost(), "someone-else"));
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(unencryptedPem(), null, otherCertificate)));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(rawHex(false), null, otherCertificate)));
    }

    @Test
    void refusesANonGostCertificate() throws Exception {
        String rsaCertificate = TestKeys.pem(TestKeys.certificate(TestKeys.rsa(), "rsa"));
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(unencryptedPem(), null, rsaCertificate)));
        assertTrue(e.getMessage().contains("GOST R 34.10-2012"), e.getMessage());
    }

    @Test
    void refusesGarbageWithAUsefulMessage() {
        EsiaSignerException e = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings("hello world", null, certificatePem)));
        assertTrue(e.getMessage().contains("neither PEM"), e.getMessage());
        assertFalse(e.getMessage().contains("hello"));
        e = assertThrows(EsiaSignerException.class, () -> BouncyCastleEsiaSigner.from(settings(
                "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", null, certificatePem)));
        assertTrue(e.getMessage().contains("PEM"), e.getMessage());
        e = assertThrows(EsiaSignerException.class, () -> BouncyCastleEsiaSigner.from(settings(null, null, certificatePem)));
        assertTrue(e.getMessage().contains(SignerSettings.KEY + " is not set"), e.getMessage());
        e = assertThrows(EsiaSignerException.class,
                () -> BouncyCastleEsiaSigner.from(settings(rawHex(false), null, "not a certificate")));
        assertTrue(e.getMessage().contains("X.509"), e.getMessage());
    }

    @Test
    void factoryCachesParsedKeysPerSettings() throws Exception {
        BouncyCastleSignerProviderFactory factory = new BouncyCastleSignerProviderFactory();
        factory.init(null);
        EsiaSignerProvider provider = factory.create(null);
        EsiaSigner first = provider.signer(settings(unencryptedPem(), null, certificatePem));
        assertSame(first, factory.create(null).signer(settings(unencryptedPem(), null, certificatePem)));
        assertNotNull(first.sign(DATA, SignatureFormat.RAW_GOST_2012_256));
        EsiaSigner other = provider.signer(settings(rawHex(false), null, certificatePem));
        assertFalse(first == other);
        Map<String, String> info = factory.getOperationalInfo();
        assertEquals("2", info.get("cachedSigners"));
        assertEquals("bouncycastle", factory.getId());
        factory.close();
        assertEquals("0", factory.getOperationalInfo().get("cachedSigners"));
    }
}
