package org.schoolesia.esia.protocol;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance the ESIA code uses, and the GOST helpers around it.
 * We pass the instance to {@code getInstance(alg, provider)} rather than asking for "BC" by name:
 * Keycloak does not promise to register BouncyCastle in {@code java.security.Security}.
 */
public final class GostCrypto {

    /** GOST R 34.10-2012 (256) signature over a GOST R 34.11-2012 (Streebog-256) digest. */
    public static final String SIGNATURE_ALGORITHM = "GOST3411-2012-256WITHECGOST3410-2012-256";
    /** BouncyCastle's key factory name for GOST R 34.10-2012 keys. */
    public static final String KEY_ALGORITHM = "ECGOST3410-2012";

    private static final ASN1ObjectIdentifier GOST_2012_256 = RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256;

    private GostCrypto() {
    }

    private static final class Holder {
        // Lazy: building the provider registers hundreds of algorithms, only pay for it when used.
        static final Provider INSTANCE = new BouncyCastleProvider();
    }

    public static Provider provider() {
        return Holder.INSTANCE;
    }

    /** Streebog-256 (GOST R 34.11-2012, 256-bit) of the bytes. */
    public static byte[] streebog256(byte[] data) {
        GOST3411_2012_256Digest digest = new GOST3411_2012_256Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** True when the key is a GOST R 34.10-2012 256-bit key, whoever parsed it. */
    public static boolean isGost2012_256(PublicKey key) {
        return GOST_2012_256.equals(algorithmOf(key));
    }

    /** The key's algorithm OID from its SubjectPublicKeyInfo, or null when it cannot be read. */
    static ASN1ObjectIdentifier algorithmOf(PublicKey key) {
        try {
            return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getAlgorithm();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The certificate's GOST public key as a BouncyCastle key. The JDK's certificate factory
     * parses GOST certificates but hands back a key no JDK signature engine understands.
     */
    public static PublicKey gostPublicKey(X509Certificate certificate) throws GeneralSecurityException {
        PublicKey key = certificate.getPublicKey();
        if (!isGost2012_256(key)) {
            throw new GeneralSecurityException("certificate " + certificate.getSubjectX500Principal().getName()
                    + " does not carry a GOST R 34.10-2012 256-bit key");
        }
        return KeyFactory.getInstance(KEY_ALGORITHM, provider())
                .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }
}
