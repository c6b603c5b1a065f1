package org.schoolesia.esia.signer;

/** What ESIA expects in {@code client_secret}. */
public enum SignatureFormat {
    /** Current protocol: the bare 64-byte GOST R 34.10-2012 (256) signature over Streebog-256. */
    RAW_GOST_2012_256,
    /** Legacy protocol: a detached CMS SignedData, signer certificate included. */
    CMS_DETACHED
}
