package org.schoolesia.esia.signer;

/**
 * Signs what ESIA wants signed. Implementations range from a software key (test environment,
 * emulator) to certified crypto behind an HTTP service, which production needs since 2025.
 * Implementations are thread-safe.
 */
public interface EsiaSigner {

    /** @throws EsiaSignerException with a message that tells the operator what to fix */
    EsiaSignature sign(byte[] data, SignatureFormat format);

    /** Hash of the signing certificate for {@code client_certificate_hash}; null when only the signing service knows it. */
    String certificateHash();
}
