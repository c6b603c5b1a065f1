package org.schoolesia.school.accounts;

import java.util.Optional;
import org.schoolesia.school.kernel.PureRule;

/**
 * The order in which a staff member's «Сменить пароль» is refused (R-ODO-2, R-ODO-3): who the
 * account is first, then what was typed. The realm's password policy is checked after these by
 * Keycloak itself. Nothing is changed unless every check passes.
 */
@PureRule
public final class CredentialChecks {

    /** R-ODO-3: «Пароль должен содержать не менее 8 символов.» */
    public static final int MIN_LENGTH = 8;

    public enum Refusal {
        /** Not a member of the staff member's organisation: looks the same as absent (404). */
        NOT_FOUND,
        /** R-ODO-2: the home organisation issues credentials (403). */
        NOT_HOME_ORGANIZATION,
        PASSWORD_MISMATCH,
        PASSWORD_TOO_SHORT
    }

    private CredentialChecks() {
    }

    public static Optional<Refusal> check(boolean memberOfStaffOrganisation, boolean homeIsStaffOrganisation,
                                          String password, String confirmation) {
        if (!memberOfStaffOrganisation) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        if (!homeIsStaffOrganisation) {
            return Optional.of(Refusal.NOT_HOME_ORGANIZATION);
        }
        String p = password == null ? "" : password;
        if (!p.equals(confirmation == null ? "" : confirmation)) {
            return Optional.of(Refusal.PASSWORD_MISMATCH);
        }
        if (p.codePointCount(0, p.length()) < MIN_LENGTH) {
            return Optional.of(Refusal.PASSWORD_TOO_SHORT);
        }
        return Optional.empty();
    }
}
