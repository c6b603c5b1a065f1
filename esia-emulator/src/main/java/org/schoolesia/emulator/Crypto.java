package org.schoolesia.emulator;

import org.bouncycastle.crypto.digests.GOST3411_2012_256Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;

/** The emulator's own GOST / RSA primitives (BouncyCastle), independent of the provider module. */
public final class Crypto {
    public static final String GOST_SIGNATURE = "GOST3411-2012-256WITHECGOST3410-2012-256";
    public static final String RSA_SIGNATURE = "SHA256withRSA";
    public static final Provider BC;

    static {
        Provider p = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (p == null) {
            p = new BouncyCastleProvider();
            Security.addProvider(p);
        }
        BC = p;
    }

    private Crypto() {
    }

    /** Touch the class so the provider is registered. */
    public static void init() {
    }

    public static byte[] streebog256(byte[] data) {
        GOST3411_2012_256Digest d = new GOST3411_2012_256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** Upper-case hex of Streebog-256 over the certificate's DER, as ESIA's client_certificate_hash. */
    public static String certificateHash(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(streebog256(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] signGost(PrivateKey key, byte[] data) {
        return sign(GOST_SIGNATURE, key, data);
    }

    public static boolean verifyGost(PublicKey key, byte[] data, byte[] signature) {
        return verify(GOST_SIGNATURE, key, data, signature);
    }

    public static byte[] sign(String alg, PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance(alg, BC);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + alg, e);
        }
    }

    public static boolean verify(String alg, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(alg, BC);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    public static String b64url(byte[] data) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
    }

    public static String b64url(String s) {
        return b64url(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Strict base64url without padding (ESIA's client_secret form). */
    public static byte[] b64urlDecodeStrict(String s) {
        if (s == null || !s.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("not base64url");
        }
        return Base64.getUrlDecoder().decode(s);
    }

    /** Lenient decoding for legacy CMS secrets: url-safe or standard alphabet, padded or not. */
    public static byte[] b64Lenient(String s) {
        String t = s.trim().replace('+', '-').replace('/', '_').replace(" ", "").replace("=", "");
        return Base64.getUrlDecoder().decode(t);
    }
}
