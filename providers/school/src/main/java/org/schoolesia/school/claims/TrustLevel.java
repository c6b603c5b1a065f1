package org.schoolesia.school.claims;

import java.util.Locale;
import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;

/**
 * Госуслуги's word on the person's account (R-ESIA-4), as ESIA's mappers last wrote it on the card
 * ({@code esiaTrusted}, {@code esiaLevel}): {@code confirmed} (ESIA's {@code trusted}, or level
 * {@code PR}), {@code child_account} (level {@code KD}: a child's account at Госуслуги), otherwise
 * {@code unconfirmed} (simplified or standard). Nothing known (never signed in through Госуслуги):
 * empty, the claim is left out.
 */
@PureRule
public enum TrustLevel {
    CONFIRMED("confirmed"), UNCONFIRMED("unconfirmed"), CHILD_ACCOUNT("child_account");

    private final String code;

    TrustLevel(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<TrustLevel> of(String trusted, String level) {
        String lvl = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
        if ("KD".equals(lvl)) {
            return Optional.of(CHILD_ACCOUNT);
        }
        if ("true".equalsIgnoreCase(trusted == null ? null : trusted.strip()) || "PR".equals(lvl)) {
            return Optional.of(CONFIRMED);
        }
        if (trusted != null && !trusted.isBlank() || !lvl.isEmpty()) {
            return Optional.of(UNCONFIRMED);
        }
        return Optional.empty();
    }
}
