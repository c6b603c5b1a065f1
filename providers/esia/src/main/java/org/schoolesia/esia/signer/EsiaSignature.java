package org.schoolesia.esia.signer;

import java.util.Arrays;

/** A signature and the hash of the certificate whose key made it. */
public final class EsiaSignature {

    private final byte[] signature;
    private final String certificateHash;

    public EsiaSignature(byte[] signature, String certificateHash) {
        this.signature = signature.clone();
        this.certificateHash = certificateHash;
    }

    /** Raw 64 bytes or CMS DER, as requested. */
    public byte[] signature() {
        return signature.clone();
    }

    /** Upper-case hex Streebog-256 of the signing certificate, or null when nobody knows it. */
    public String certificateHash() {
        return certificateHash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsiaSignature && Arrays.equals(((EsiaSignature) o).signature, signature)
                && java.util.Objects.equals(((EsiaSignature) o).certificateHash, certificateHash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(signature) + java.util.Objects.hashCode(certificateHash);
    }

    @Override
    public String toString() {
        return "EsiaSignature[" + signature.length + " bytes, certificateHash=" + certificateHash + "]";
    }
}
