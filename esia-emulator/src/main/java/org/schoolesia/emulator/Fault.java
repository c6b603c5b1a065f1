package org.schoolesia.emulator;

/**
 * Misbehaviours the emulator can be told to show, so tests can check how the relying party copes.
 * Armed faults stay active until {@link Faults#reset()}.
 */
public enum Fault {
    /** Argument: an ESIA code such as {@code 007008}; the authorization endpoint redirects back with it. */
    AUTHORIZE_ERROR,
    /** Argument: an ESIA code; the token endpoint answers HTTP 400 with it. */
    TOKEN_ERROR,
    /** The id_token is signed with a key ESIA does not publish. */
    ID_TOKEN_BAD_SIGNATURE,
    ID_TOKEN_WRONG_ISSUER,
    ID_TOKEN_WRONG_AUDIENCE,
    /** The id_token expired ten minutes ago. */
    ID_TOKEN_EXPIRED,
    /** The id_token's sub names another person; the person API still serves the real one. */
    ID_TOKEN_SUB_MISMATCH,
    /** The token response echoes a state other than the request's. */
    TOKEN_STATE_MISMATCH,
    /** Person API answers 200 with a body that is not JSON. */
    PERSON_MALFORMED,
    /** Person API answers 200 with a 5 MB JSON document. */
    PERSON_OVERSIZED,
    /** Person API answers 500. */
    PERSON_SERVER_ERROR,
    /** Argument: milliseconds the person API waits before answering. */
    PERSON_DELAY,
    /**
     * Argument: milliseconds between bytes (default 500). The person API answers 200 at once and
     * then sends its body one byte at a time: every read gets data within a socket timeout, so
     * only an overall deadline ends the call.
     */
    PERSON_SLOW_DRIP,
    /**
     * The person document ignores {@code embed=(contacts.elements,kids.elements)} and comes without contacts
     * and children, as an ESIA that embeds nothing into the person would: the relying party must then ask
     * {@code /ctts} and {@code /kids}.
     */
    PERSON_NESTED_EMBED_IGNORED,
    /** A child's documents ({@code /rs/prns/{oid}/kids/{kid}/docs}) answer 500; the rest of the person API works. */
    KIDS_DOCS_SERVER_ERROR
}
