package org.schoolesia.school.family;

import java.util.Optional;

import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-FAM-3, «Родители и представители»: which SNILS a child's card may hold, and when a SNILS on the
 * card gives a parent the child without a code.
 */
@PureRule
public final class CardSnilsRule {

    /** Why a typed SNILS does not go on the card. */
    public enum Refusal {
        /** Not eleven digits with a correct checksum (the rule of the user profile's {@code school-snils}). */
        INVALID("invalid_snils", "schoolCardSnilsInvalid"),
        /** The child's own SNILS: a parent is never the child (R-FAM-5). */
        CHILDS_OWN("childs_own_snils", "schoolCardSnilsChildsOwn");

        private final String code;
        private final String messageKey;

        Refusal(String code, String messageKey) {
            this.code = code;
            this.messageKey = messageKey;
        }

        public String code() {
            return code;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    /** What a login knows when it looks at one card holding the parent's SNILS. */
    public record AtLogin(boolean esiaConfirmed, boolean parentAccount, boolean childAccount, boolean alreadyLinked,
                          long snilsAddedAt, long lastRevokedAt) {
    }

    private CardSnilsRule() {
    }

    /** The SNILS as the card keeps it (eleven digits), or why not. */
    public static Optional<Refusal> refusal(String typed, String childsOwnSnils) {
        Optional<String> digits = digits(typed);
        if (digits.isEmpty()) {
            return Optional.of(Refusal.INVALID);
        }
        return digits.get().equals(digits(childsOwnSnils).orElse(null)) ? Optional.of(Refusal.CHILDS_OWN) : Optional.empty();
    }

    /** Spaces and dashes anywhere, as people type it; empty when it is no valid SNILS. */
    public static Optional<String> digits(String typed) {
        try {
            return Optional.of(Snils.parse(typed).digits());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * R-FAM-3: the parent's own confirmed Госуслуги account carries the SNILS (an unconfirmed one proves
     * nothing: anyone may type a SNILS into it), the login is into a parent account, the card is a
     * pupil's, the pair is not linked yet, and no link of the pair was revoked since the SNILS was put
     * on the card: a revocation is a staff decision the card's SNILS does not overturn; putting the
     * SNILS on the card again is a new decision.
     */
    public static boolean grantsAtLogin(AtLogin facts) {
        return facts.esiaConfirmed() && facts.parentAccount() && facts.childAccount() && !facts.alreadyLinked()
                && facts.lastRevokedAt() < facts.snilsAddedAt();
    }

    /**
     * Removing a SNILS from the card revokes the links it made: source SNILS, a parent whose account
     * has that SNILS. Both are compared as stored: the card's keyed hash, the parent's SNILS hashed alike.
     */
    public static boolean revokedByRemoval(String removedSnilsHash, String parentsSnilsHash, LinkSource source) {
        return source == LinkSource.SNILS && removedSnilsHash != null && removedSnilsHash.equals(parentsSnilsHash);
    }
}
