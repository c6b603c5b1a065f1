package org.schoolesia.school.family.childaccess;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.CredentialChecks;
import org.schoolesia.school.accounts.CredentialIssuer;
import org.schoolesia.school.accounts.Passwords;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.kernel.PersonFields;
import org.schoolesia.school.kernel.UniqueKeyViolation;
import org.schoolesia.school.orgs.Organisations;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * Children's logins (R-FAM-4): a parent (active link) or a staff member of the child's home
 * organisation creates the login and password of a pupil under the realm's self-service age, or
 * resets the password; the child must choose their own at the next login (UPDATE_PASSWORD), so the
 * parent never keeps the means to use the child's account (R-FAM-5). Every change is audited.
 */
public final class ChildLogins {

    /** What a child's login looks like to those who may manage it: no birth date, no SNILS. */
    public record Status(String childId, String lastName, String firstName, String middleName, String login, boolean created,
                         boolean mustChangePassword, String state, int selfServiceAge) {
    }

    /** Who acts: the account, as parent or staff, and the staff member's organisation. */
    record Actor(UserModel user, String role, String organisation) {
        static Actor parent(UserModel user) {
            return new Actor(user, "parent", null);
        }

        static Actor staff(StaffMember staff) {
            return new Actor(staff.user(), "staff", staff.alias());
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Clock clock;

    public ChildLogins(KeycloakSession session, RealmModel realm) {
        this(session, realm, Clock.systemUTC());
    }

    ChildLogins(KeycloakSession session, RealmModel realm, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.clock = clock;
    }

    // ---- who may ------------------------------------------------------------------------------

    /** The caller's pupil child under the self-service age, or the refusal (R-FAM-4). */
    UserModel childOfParent(UserModel caller, String childId) {
        UserModel child = account(childId);
        boolean linked = child != null && new FamilyLinks(session).activePair(caller.getId(), child.getId()).isPresent();
        ChildAccessRules.forParent(People.hasRole(caller, SchoolRole.PARENT), linked, child != null && People.hasRole(child, SchoolRole.STUDENT),
                child == null ? AgePolicy.Verdict.BIRTH_DATE_UNKNOWN : age(child)).ifPresent(r -> refuse(r, child));
        return child;
    }

    /** A pupil of the staff member's home organisation under the self-service age, or the refusal. */
    UserModel childOfStaff(StaffMember staff, String childId) {
        UserModel child = account(childId);
        boolean pupil = child != null && People.hasRole(child, SchoolRole.STUDENT)
                && session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), child);
        ChildAccessRules.forStaff(pupil, pupil && People.isHome(staff.organisation(), child),
                pupil ? age(child) : AgePolicy.Verdict.BIRTH_DATE_UNKNOWN).ifPresent(r -> refuse(r, child));
        return child;
    }

    /** The parent's linked pupils, each with its state (allowed, of age, birth date unknown). */
    List<Status> childrenOf(UserModel parent) {
        return new FamilyLinks(session).childrenOf(realm, parent).stream()
                .filter(c -> People.hasRole(c, SchoolRole.STUDENT)).map(this::status).toList();
    }

    // ---- reads and writes ---------------------------------------------------------------------

    Status status(UserModel child) {
        AgePolicy.Verdict age = age(child);
        String state = ChildAccessRules.ofAge(age).map(ChildAccessRules.Refusal::code).orElse("allowed");
        return new Status(child.getId(), child.getLastName(), child.getFirstName(), child.getFirstAttribute(SchoolAttributes.MIDDLE_NAME),
                child.getUsername(), child.credentialManager().isConfiguredFor(PasswordCredentialModel.TYPE),
                child.getRequiredActionsStream().anyMatch(UserModel.RequiredAction.UPDATE_PASSWORD.name()::equals), state,
                AgeSettings.selfServiceAge(realm));
    }

    /** «Создать логин»: the login (unique in the realm) and a first password the child changes at once. */
    Status create(Actor actor, UserModel child, String typedLogin, String password, String confirmation) {
        String login = ChildAccessRules.login(typedLogin).orElseThrow(() -> refusal(ChildAccessRules.Refusal.INVALID_LOGIN, child));
        ChildAccessRules.password(password, confirmation).ifPresent(r -> refuse(r, child));
        String previous = child.getUsername();
        if (!login.equals(previous)) {
            UserModel holder = session.users().getUserByUsername(realm, login);
            if (holder != null && !holder.getId().equals(child.getId())) {
                throw loginTaken(login);
            }
            child.setUsername(login);
            try {
                // The realm's unique key decides a race for the same login now, not at commit.
                em().flush();
            } catch (RuntimeException e) {
                if (UniqueKeyViolation.isCause(e)) {
                    throw loginTaken(login);
                }
                throw e;
            }
        }
        Passwords.set(session, realm, child, password, true);
        ChildLoginAudit.changed(session, realm, actor, child, "created", previous);
        return status(child);
    }

    /** «Сбросить пароль»: a new password the child changes at the next login; the login stays. */
    Status reset(Actor actor, UserModel child, String password, String confirmation) {
        ChildAccessRules.password(password, confirmation).ifPresent(r -> refuse(r, child));
        Passwords.set(session, realm, child, password, true);
        ChildLoginAudit.changed(session, realm, actor, child, "reset", null);
        return status(child);
    }

    // ---------------------------------------------------------------------------------------------

    /** R-AGE-1: the child's age now, in the home organisation's time zone (the realm's where it has none). */
    AgePolicy.Verdict age(UserModel child) {
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : Organisations.byAlias(session, home);
        Optional<LocalDate> birthDate = PersonFields.birthDate(child.getFirstAttribute(SchoolAttributes.BIRTHDATE), clock);
        return ChildAccessRules.age(AgeSettings.selfServiceAge(realm), birthDate.orElse(null), clock.instant(), AgeSettings.zone(realm, org));
    }

    private UserModel account(String id) {
        return id == null || id.isBlank() || id.length() > 36 ? null : session.users().getUserById(realm, id);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private Refused loginTaken(String login) {
        return Refused.of(409, ChildAccessRules.Refusal.LOGIN_TAKEN.code(), "schoolChildLoginTaken", login).with("field", "login");
    }

    private void refuse(ChildAccessRules.Refusal r, UserModel child) {
        throw refusal(r, child);
    }

    private Refused refusal(ChildAccessRules.Refusal r, UserModel child) {
        return switch (r) {
            case NOT_FOUND -> Refused.notFound();
            case NOT_HOME_ORGANIZATION -> CredentialIssuer.notHome(session, child);
            case CHILD_OF_AGE -> Refused.of(r.status(), r.code(), "schoolChildLoginOfAge", String.valueOf(AgeSettings.selfServiceAge(realm)));
            case PASSWORD_TOO_SHORT -> Refused.of(r.status(), r.code(), "schoolPasswordTooShort", String.valueOf(CredentialChecks.MIN_LENGTH))
                    .with("field", "password");
            case PASSWORD_MISMATCH -> Refused.of(r.status(), r.code(), "schoolPasswordMismatch").with("field", "confirmation");
            case INVALID_LOGIN -> Refused.of(r.status(), r.code(), "schoolChildLoginInvalid",
                    String.valueOf(ChildAccessRules.LOGIN_MIN), String.valueOf(ChildAccessRules.LOGIN_MAX)).with("field", "login");
            case NOT_A_PARENT -> Refused.of(r.status(), r.code(), "schoolChildLoginNotAParent");
            case BIRTH_DATE_UNKNOWN -> Refused.of(r.status(), r.code(), "schoolChildLoginBirthDateUnknown",
                    String.valueOf(AgeSettings.selfServiceAge(realm)));
            case LOGIN_TAKEN -> loginTaken(child.getUsername());
        };
    }
}
