package org.schoolesia.esia.protocol;

import java.time.Instant;
import java.util.List;

/** The verified claims of an ESIA id_token that the login needs. */
public final class EsiaIdToken {

    private final String oid;
    private final boolean trusted;
    private final String level;
    private final Instant authTime;
    private final Instant expiresAt;
    private final List<String> amr;

    public EsiaIdToken(String oid, boolean trusted, String level, Instant authTime, Instant expiresAt,
                       List<String> amr) {
        this.oid = oid;
        this.trusted = trusted;
        this.level = level;
        this.authTime = authTime;
        this.expiresAt = expiresAt;
        this.amr = amr == null ? List.of() : List.copyOf(amr);
    }

    /** The person's ESIA oid ({@code sub}). */
    public String oid() {
        return oid;
    }

    /** True only when ESIA marks the account as confirmed ({@code urn:esia:sbj:is_tru}). */
    public boolean trusted() {
        return trusted;
    }

    /** {@code urn:esia:sbj:lvl}: {@code PR} confirmed, {@code P} other, {@code KD} child; may be null. */
    public String level() {
        return level;
    }

    /** May be null. */
    public Instant authTime() {
        return authTime;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Authentication methods, e.g. {@code PWD}, {@code DS}; empty when absent. */
    public List<String> amr() {
        return amr;
    }

    @Override
    public String toString() {
        return "EsiaIdToken[oid=" + oid + ", trusted=" + trusted + ", level=" + level + ", amr=" + amr + "]";
    }
}
