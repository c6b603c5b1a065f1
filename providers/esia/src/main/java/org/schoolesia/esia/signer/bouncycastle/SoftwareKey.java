package org.schoolesia.esia.signer.bouncycastle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.schoolesia.esia.protocol.GostCrypto;
import org.schoolesia.esia.signer.EsiaSignerException;
import org.schoolesia.esia.signer.SignerCertificates;
import org.schoolesia.esia.signer.SignerSettings;

/**
 * A GOST R 34.10-2012 (256) private key held in software, with the certificate it belongs to.
 * Reads the three forms operators actually have: PKCS#8 PEM, a BouncyCastle-readable PKCS#12, and
 * a raw 32-byte key (what conversion tools extract from CryptoPro containers).
 */
final class SoftwareKey {

    private static final Pattern RAW_HEX = Pattern.compile("(?i)(0x)?[0-9a-f]{64}");

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private SoftwareKey(PrivateKey privateKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    X509Certificate certificate() {
        return certificate;
    }

    static SoftwareKey read(SignerSettings settings) {
        String key = settings.key();
        if (key == null) {
            throw new EsiaSignerException(SignerSettings.KEY + " is not set: configure the GOST private key "
                    + "(PKCS#8 PEM, base64 PKCS#12 or 64 hex characters), or use the http signer");
        }
        SoftwareKey read;
        if (key.contains("-----BEGIN")) {
            read = fromPem(key, settings);
        } else if (RAW_HEX.matcher(key).matches()) {
            read = fromRawHex(key, settings);
        } else {
            read = fromPkcs12(key, settings);
        }
        read.requireMatchingPair();
        return read;
    }

    private static SoftwareKey fromPem(String pem, SignerSettings settings) {
        X509Certificate certificate = certificateFrom(settings);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(GostCrypto.provider());
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PrivateKeyInfo) {
                    return new SoftwareKey(converter.getPrivateKey((PrivateKeyInfo) item), certificate);
                }
                if (item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    return new SoftwareKey(converter.getPrivateKey(decrypt((PKCS8EncryptedPrivateKeyInfo) item,
                            settings.keyPassword())), certificate);
                }
                if (item instanceof PEMKeyPair) {
                    return new SoftwareKey(converter.getPrivateKey(((PEMKeyPair) item).getPrivateKeyInfo()),
                            certificate);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EsiaSignerException) {
                throw (EsiaSignerException) e;
            }
            throw new EsiaSignerException(SignerSettings.KEY + " looks like PEM but cannot be read ("
                    + e.getClass().getSimpleName() + "): expected -----BEGIN PRIVATE KEY----- or "
                    + "-----BEGIN ENCRYPTED PRIVATE KEY----- with a GOST R 34.10-2012 256-bit key", e);
        }
        throw new EsiaSignerException(SignerSettings.KEY + " PEM holds no private key: expected "
                + "-----BEGIN PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, String password) {
        if (password == null) {
            throw new EsiaSignerException(SignerSettings.KEY + " is an encrypted PEM key: set "
                    + SignerSettings.KEY_PASSWORD);
        }
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(GostCrypto.provider()).build(password.toCharArray()));
        } catch (PKCSException | OperatorCreationException e) {
            throw new EsiaSignerException("the encrypted PEM key cannot be decrypted: check "
                    + SignerSettings.KEY_PASSWORD + " (or the key uses a cipher BouncyCastle does not "
                    + "support: re-export it as unencrypted PKCS#8 kept in the vault)", e);
        }
    }

    private static SoftwareKey fromPkcs12(String base64, SignerSettings settings) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length < 2 || bytes[0] != 0x30) { // a PKCS#12 file is a DER SEQUENCE
            throw new EsiaSignerException(SignerSettings.KEY + " is neither PEM (-----BEGIN PRIVATE KEY-----), "
                    + "base64 of a PKCS#12 file, nor a raw key of 64 hex characters");
        }
        char[] password = settings.keyPassword() == null ? new char[0] : settings.keyPassword().toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12", GostCrypto.provider());
            store.load(new ByteArrayInputStream(bytes), password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    PrivateKey privateKey = (PrivateKey) store.getKey(alias, password);
                    Certificate stored = store.getCertificate(alias);
                    X509Certificate certificate = settings.certificate() != null || stored == null
                            ? certificateFrom(settings) : (X509Certificate) stored;
                    return new SoftwareKey(privateKey, certificate);
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof EsiaSignerException) {
                throw (EsiaSignerException) e;
            }
            throw new EsiaSignerException("the PKCS#12 in " + SignerSettings.KEY + " cannot be read ("
                    + e.getClass().getSimpleName() + "): check " + SignerSettings.KEY_PASSWORD
                    + "; a PFX exported from CryptoPro uses proprietary encryption that BouncyCastle cannot read - "
                    + "convert it to PKCS#8 PEM or a raw 64-hex key, or use the http signer", e);
        }
        throw new EsiaSignerException("the PKCS#12 in " + SignerSettings.KEY + " holds no private key");
    }

    /**
     * A bare scalar carries no curve: the curve comes from the certificate's public key. Tools
     * disagree on byte order, so the other order is tried when the first does not match the
     * certificate; the match check makes this safe.
     */
    private static SoftwareKey fromRawHex(String hex, SignerSettings settings) {
        X509Certificate certificate = certificateFrom(settings);
        byte[] bigEndian = HexFormat.of().parseHex(hex.regionMatches(true, 0, "0x", 0, 2) ? hex.substring(2) : hex);
        try {
            ECPublicKey publicKey = (ECPublicKey) GostCrypto.gostPublicKey(certificate);
            KeyFactory factory = KeyFactory.getInstance(GostCrypto.KEY_ALGORITHM, GostCrypto.provider());
            SoftwareKey asIs = new SoftwareKey(factory.generatePrivate(
                    new ECPrivateKeySpec(new BigInteger(1, bigEndian), publicKey.getParams())), certificate);
            if (asIs.matches()) {
                return asIs;
            }
            byte[] littleEndian = new byte[bigEndian.length];
            for (int i = 0; i < bigEndian.length; i++) {
                littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
            }
            return new SoftwareKey(factory.generatePrivate(
                    new ECPrivateKeySpec(new BigInteger(1, littleEndian), publicKey.getParams())), certificate);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new EsiaSignerException("the raw key in " + SignerSettings.KEY + " cannot be used with "
                    + SignerSettings.CERTIFICATE + ": the certificate must carry a GOST R 34.10-2012 256-bit "
                    + "key", e);
        }
    }

    private static X509Certificate certificateFrom(SignerSettings settings) {
        return SignerCertificates.parse(settings.certificate());
    }

    private void requireMatchingPair() {
        if (!GostCrypto.isGost2012_256(certificate.getPublicKey())) {
            throw new EsiaSignerException("the signing certificate " + certificate.getSubjectX500Principal().getName()
                    + " does not carry a GOST R 34.10-2012 256-bit key, which ESIA requires");
        }
        if (!matches()) {
            throw new EsiaSignerException("the private key in " + SignerSettings.KEY + " does not belong to "
                    + "the certificate " + certificate.getSubjectX500Principal().getName() + " (a probe signature "
                    + "does not verify): configure the key and certificate of the same pair");
        }
    }

    /** Signs a random probe and verifies it with the certificate: proof the two belong together. */
    private boolean matches() {
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(GostCrypto.SIGNATURE_ALGORITHM, GostCrypto.provider());
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            PublicKey publicKey = GostCrypto.gostPublicKey(certificate);
            Signature verifier = Signature.getInstance(GostCrypto.SIGNATURE_ALGORITHM, GostCrypto.provider());
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
