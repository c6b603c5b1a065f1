package org.schoolesia.esia.signer;

/**
 * The signer is misconfigured or unavailable. The message is for the operator's log: it says what
 * to fix and never contains key material or secrets.
 */
public class EsiaSignerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EsiaSignerException(String message) {
        super(message);
    }

    public EsiaSignerException(String message, Throwable cause) {
        super(message, cause);
    }
}
