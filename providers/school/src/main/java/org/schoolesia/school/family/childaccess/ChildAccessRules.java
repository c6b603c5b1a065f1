package org.schoolesia.school.family.childaccess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.schoolesia.school.accounts.CredentialChecks;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.kernel.PureRule;

/**
 * «Доступ для учеников до 14 лет» (R-FAM-4, R-AGE-1): who may create or reset a child's login, for
 * which child, and what a login and a password must look like. Who first (a stranger learns nothing
 * about the child), then the age — the child's own age in the home organisation's time zone,
 * refused from the 14th birthday on and when the birth date is unknown (never guessed) —, then what
 * was typed. The realm's password policy is checked after these by Keycloak itself.
 */
@PureRule
public final class ChildAccessRules {

    /** Logins: a Latin letter, then letters, digits, «.», «_», «-»; 3…40 characters; stored in lower case. */
    public static final int LOGIN_MIN = 3;
    public static final int LOGIN_MAX = 40;
    private static final Pattern LOGIN = Pattern.compile("[a-z][a-z0-9._-]{" + (LOGIN_MIN - 1) + "," + (LOGIN_MAX - 1) + "}");

    public enum Refusal {
        /** Not this caller's child (or no pupil, or no such account): looks the same as absent (404). */
        NOT_FOUND("not_found", 404),
        /** The personal API for a pupil's or a staff member's own account: only parents create children's logins (403). */
        NOT_A_PARENT("not_a_parent", 403),
        /** Staff of another organisation the child attends: the home organisation does it (R-ODO-2, 403). */
        NOT_HOME_ORGANIZATION("not_home_organization", 403),
        /** R-AGE-1: the child is 14 (the realm's self-service age) or older and signs in through Госуслуги himself (409). */
        CHILD_OF_AGE("child_of_age", 409),
        /** No plausible birth date on the card: the age is never guessed (409). */
        BIRTH_DATE_UNKNOWN("birth_date_unknown", 409),
        INVALID_LOGIN("invalid_login", 400),
        /** Another account of the realm has this login (409). */
        LOGIN_TAKEN("login_taken", 409),
        PASSWORD_MISMATCH("password_mismatch", 400),
        PASSWORD_TOO_SHORT("password_too_short", 400);

        private final String code;
        private final int status;

        Refusal(String code, int status) {
            this.code = code;
            this.status = status;
        }

        public String code() {
            return code;
        }

        public int status() {
            return status;
        }
    }

    private ChildAccessRules() {
    }

    /**
     * A caller through the personal API: a parent account with an active link to a pupil account.
     * @param callerIsParent the caller's account is a parent's (pupils and staff are refused)
     * @param activeLink an active parent–child link of the caller to the child (R-FAM-1)
     * @param childIsPupil the child's account exists and is a pupil's
     */
    public static Optional<Refusal> forParent(boolean callerIsParent, boolean activeLink, boolean childIsPupil, AgePolicy.Verdict age) {
        if (!callerIsParent) {
            return Optional.of(Refusal.NOT_A_PARENT);
        }
        if (!activeLink || !childIsPupil) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        return ofAge(age);
    }

    /**
     * A staff member: the child is a pupil of the staff member's organisation, and that organisation is
     * the child's home organisation (the one that issues its credentials, R-ORG-3, R-ODO-2).
     */
    public static Optional<Refusal> forStaff(boolean pupilOfStaffOrganisation, boolean homeIsStaffOrganisation, AgePolicy.Verdict age) {
        if (!pupilOfStaffOrganisation) {
            return Optional.of(Refusal.NOT_FOUND);
        }
        if (!homeIsStaffOrganisation) {
            return Optional.of(Refusal.NOT_HOME_ORGANIZATION);
        }
        return ofAge(age);
    }

    /** R-AGE-1: the child's age on that instant in the home organisation's zone, against the realm's self-service age. */
    public static AgePolicy.Verdict age(int selfServiceAge, LocalDate birthDate, Instant at, ZoneId zone) {
        return AgePolicy.hasReached(selfServiceAge, birthDate, at, zone);
    }

    /** Refused from the N-th birthday on, and when the birth date is unknown. */
    public static Optional<Refusal> ofAge(AgePolicy.Verdict age) {
        return switch (age) {
            case NOT_REACHED -> Optional.empty();
            case REACHED -> Optional.of(Refusal.CHILD_OF_AGE);
            case BIRTH_DATE_UNKNOWN -> Optional.of(Refusal.BIRTH_DATE_UNKNOWN);
        };
    }

    /** The login as stored (trimmed, lower case), or empty when it breaks the rule above. */
    public static Optional<String> login(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String login = typed.strip().toLowerCase(Locale.ROOT);
        return LOGIN.matcher(login).matches() ? Optional.of(login) : Optional.empty();
    }

    /** The two fields agree and are long enough (R-ODO-3's eight characters); the realm's policy comes after. */
    public static Optional<Refusal> password(String password, String confirmation) {
        return CredentialChecks.check(true, true, password, confirmation).map(r -> switch (r) {
            case PASSWORD_MISMATCH -> Refusal.PASSWORD_MISMATCH;
            case PASSWORD_TOO_SHORT -> Refusal.PASSWORD_TOO_SHORT;
            case NOT_FOUND, NOT_HOME_ORGANIZATION -> throw new IllegalStateException("who was checked before: " + r);
        });
    }
}
