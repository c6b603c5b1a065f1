package org.schoolesia.esia.signer.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.schoolesia.esia.protocol.CertificateHash;
import org.schoolesia.esia.protocol.GostCrypto;
import org.schoolesia.esia.signer.EsiaSignature;
import org.schoolesia.esia.signer.EsiaSigner;
import org.schoolesia.esia.signer.EsiaSignerException;
import org.schoolesia.esia.signer.SignatureFormat;
import org.schoolesia.esia.signer.SignerSettings;

/**
 * Signs with a software GOST key through BouncyCastle. Not certified crypto: right for ESIA's test
 * environment and the emulator; production connections need the http signer in front of
 * certified crypto.
 */
public final class BouncyCastleEsiaSigner implements EsiaSigner {

    private final SoftwareKey key;
    private final String certificateHash;
    /**
     * One initialised engine per worker thread: initialising costs about three times the signature
     * itself (measured by bench/), and a Signature resets for reuse after each sign().
     */
    private final ThreadLocal<Signature> engines;

    private BouncyCastleEsiaSigner(SoftwareKey key) {
        this.key = key;
        this.certificateHash = CertificateHash.of(key.certificate());
        this.engines = ThreadLocal.withInitial(() -> {
            try {
                Signature signature = Signature.getInstance(GostCrypto.SIGNATURE_ALGORITHM, GostCrypto.provider());
                signature.initSign(key.privateKey());
                return signature;
            } catch (GeneralSecurityException e) {
                throw new EsiaSignerException("GOST signing failed: " + e.getMessage(), e);
            }
        });
    }

    /** Reads and checks the key; @throws EsiaSignerException saying what to fix. */
    public static BouncyCastleEsiaSigner from(SignerSettings settings) {
        return new BouncyCastleEsiaSigner(SoftwareKey.read(settings));
    }

    @Override
    public EsiaSignature sign(byte[] data, SignatureFormat format) {
        return new EsiaSignature(format == SignatureFormat.CMS_DETACHED ? cms(data) : raw(data), certificateHash);
    }

    @Override
    public String certificateHash() {
        return certificateHash;
    }

    /** The certificate's validity end, so the factory can warn before ESIA starts refusing it. */
    java.util.Date certificateNotAfter() {
        return key.certificate().getNotAfter();
    }

    private byte[] raw(byte[] data) {
        Signature signature = engines.get();
        try {
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            // A failed engine may be left mid-operation: start the next signature on a fresh one.
            engines.remove();
            throw new EsiaSignerException("GOST signing failed: " + e.getMessage(), e);
        }
    }

    private byte[] cms(byte[] data) {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(GostCrypto.SIGNATURE_ALGORITHM)
                    .setProvider(GostCrypto.provider()).build(key.privateKey());
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(GostCrypto.provider()).build())
                    .build(contentSigner, key.certificate()));
            generator.addCertificates(new JcaCertStore(List.of(key.certificate())));
            // detached: ESIA receives the signed string's parts as the other parameters
            return generator.generate(new CMSProcessableByteArray(data), false).getEncoded();
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | java.io.IOException e) {
            throw new EsiaSignerException("CMS signing failed: " + e.getMessage(), e);
        }
    }
}
