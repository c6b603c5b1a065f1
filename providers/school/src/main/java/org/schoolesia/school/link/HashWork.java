package org.schoolesia.school.link;

import org.schoolesia.school.kernel.PureRule;

/**
 * The password-hash work a link attempt does, whatever the answer (defect 8, security rule 3): the
 * stored credential is verified when there is one and a password to check; otherwise a throw-away
 * hash of the same cost — the stored credential's algorithm and iterations when the account has
 * one (locked account, empty password), else the realm policy's (no password yet, unknown login).
 * Pure: which work, not the hashing itself.
 */
@PureRule
public record HashWork(boolean verifyStored, String algorithm, int iterations) {

    /** A stored password credential's hashing, or null for an account without one. */
    public record Stored(String algorithm, int iterations) {
    }

    /**
     * @param stored the account's password hashing, null when the account has none or is unknown
     * @param checkable whether the stored credential is to be verified (a password given, the account not locked)
     * @param policyAlgorithm the realm policy's algorithm (null: Keycloak's default)
     * @param policyIterations the realm policy's iterations (-1: the algorithm's default)
     */
    public static HashWork choose(Stored stored, boolean checkable, String policyAlgorithm, int policyIterations) {
        if (stored != null && checkable) {
            return new HashWork(true, stored.algorithm(), stored.iterations());
        }
        if (stored != null) {
            return new HashWork(false, stored.algorithm(), stored.iterations());
        }
        return new HashWork(false, policyAlgorithm, policyIterations);
    }
}
