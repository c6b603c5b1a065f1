package org.schoolesia.esia.protocol;

/** An id_token ESIA (or someone pretending to be it) sent that we do not accept. */
public class EsiaTokenException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        MALFORMED, UNSUPPORTED_ALGORITHM, BAD_SIGNATURE, WRONG_ISSUER, WRONG_AUDIENCE, EXPIRED, NOT_YET_VALID,
        NO_SUBJECT
    }

    private final Reason reason;

    public EsiaTokenException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EsiaTokenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
