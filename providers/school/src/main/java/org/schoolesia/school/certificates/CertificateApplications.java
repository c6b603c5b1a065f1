package org.schoolesia.school.certificates;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.age.AgeSettings;
import org.schoolesia.school.certificates.CertificateEligibility.Applicant;
import org.schoolesia.school.certificates.CertificateEligibility.Child;
import org.schoolesia.school.certificates.CertificateEligibility.Role;
import org.schoolesia.school.certificates.CertificateEligibility.Verdict;
import org.schoolesia.school.family.FamilyLinks;
import org.schoolesia.school.web.Refused;

/**
 * The facts of a certificate application read from Keycloak (role, birth dates, linked children,
 * organisations' switches, certificates) and judged by {@link CertificateEligibility}: the one place
 * the REST answer, the personal page and «Получить сертификат» ask, so they never disagree.
 * Children are only ever the caller's own (R-FAM-1): another's child and no child look the same.
 */
public final class CertificateApplications {

    /** A child as relying systems and the page may see them: an opaque id and the name, no SNILS, no birth date. */
    public record Person(String id, String lastName, String firstName, String middleName) {
        static Person of(UserModel u) {
            return new Person(u.getId(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        }
    }

    /** One answer: for whom ({@code child} null: a parent without children), whether the caller is that person, the verdict, the certificate. */
    public record Entry(Person child, boolean self, Verdict verdict, Certificate certificate) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Certificates certificates;
    private final CertificateEligibility rule;

    public CertificateApplications(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.certificates = new Certificates(session);
        this.rule = new CertificateEligibility(CertificateSettings.eligibility(realm, Instant.now()));
    }

    /**
     * R-CERT-1/2: a pupil (or anyone not a parent) about themselves; a parent one entry per linked
     * child — the children, their facts and certificates read in one query ({@link LinkedChildren}),
     * shared by everything that asks in the same request.
     */
    public List<Entry> all(UserModel caller) {
        Applicant applicant = applicant(caller);
        if (applicant.role() != Role.PARENT) {
            return List.of(self(caller, applicant));
        }
        List<LinkedChildren.Child> children = LinkedChildren.of(session, realm, caller.getId());
        if (children.isEmpty()) {
            return List.of(new Entry(null, false, rule.withoutChild(applicant), null));
        }
        OrganizationProvider orgs = organisations();
        return children.stream().map(c -> {
            OrganizationModel home = c.homeOrganisationId() == null || orgs == null ? null : orgs.getById(c.homeOrganisationId());
            Child facts = new Child(c.birthDate(), c.certificate() != null, CertificateSettings.moduleOn(home), AgeSettings.zone(realm, home));
            return new Entry(c.person(), false, rule.forChild(applicant, facts), c.certificate());
        }).toList();
    }

    /**
     * One child of the caller ({@code ?child=}), or the caller themselves by their own id. A child's
     * account under 14 asking about a child is answered about itself with R-CERT-6 (4), whatever id
     * it named (so it learns nothing of other accounts). Empty: not the caller's child, or no such child.
     */
    public Optional<Entry> one(UserModel caller, String childId) {
        Applicant applicant = applicant(caller);
        if (caller.getId().equals(childId)) {
            return Optional.of(self(caller, applicant));
        }
        if (applicant.role() == Role.STUDENT) {
            Entry asParent = self(caller, new Applicant(Role.STUDENT, applicant.birthDate(), true));
            return asParent.verdict().reasons().contains(Reason.CHILD_ACCOUNT_UNDER_14) ? Optional.of(asParent) : Optional.empty();
        }
        return linkedChild(caller, applicant, childId)
                .map(c -> {
                    Certificate held = certificates.standingOf(c.getId()).orElse(null);
                    return new Entry(Person.of(c), false, rule.forChild(applicant, child(c, held != null)), held);
                });
    }

    /**
     * R-CERT-3 «Получить сертификат» for the caller ({@code childId} null) or their child: judged
     * again now, refused with every reason when not eligible; two quick clicks get one certificate.
     */
    public Certificates.Issued issue(UserModel caller, String childId) {
        Applicant applicant = applicant(caller);
        UserModel holder;
        Entry entry;
        if (childId == null || childId.isBlank() || caller.getId().equals(childId)) {
            holder = caller;
            entry = self(caller, applicant);
        } else {
            holder = linkedChild(caller, applicant, childId.strip()).orElseThrow(Refused::notFound);
            entry = one(caller, holder.getId()).orElseThrow(Refused::notFound);
        }
        if (!entry.verdict().eligible()) {
            if (entry.certificate() != null && entry.verdict().reasons().equals(java.util.Set.of(Reason.ALREADY_HAS_CERTIFICATE))) {
                return new Certificates.Issued(entry.certificate(), false);
            }
            throw Refused.of(409, "not_eligible", "schoolCertificateNotEligible")
                    .with("reasons", entry.verdict().ordered().stream().map(Reason::code).toList());
        }
        OrganizationModel home = homeOf(holder);
        LocalDate today = LocalDate.now(AgeSettings.zone(realm, home));
        CertificateTerm term = CertificateTerm.of(today, CertificateSettings.validity(realm), birthDate(holder),
                CertificateSettings.eligibility(realm, Instant.now()).maxAge());
        return certificates.issue(realm, holder, caller, term, CertificateSettings.numbers(realm));
    }

    /** A standing certificate and its holder's account. */
    public record Holding(UserModel holder, Certificate certificate) {
    }

    /**
     * R-CERT-5: whose certificate's ПФДО credentials the caller may have — their own ({@code childId}
     * null or their id: a pupil of 14 or more) or a linked child's (a parent). 404 when there is no
     * standing certificate, or the child is not the caller's; 403 for a pupil under 14 (seed 001:
     * the pupil over 14 or the parent).
     */
    public Holding holding(UserModel caller, String childId) {
        Applicant applicant = applicant(caller);
        if (childId == null || childId.isBlank() || caller.getId().equals(childId.strip())) {
            if (applicant.role() != Role.STUDENT) {
                throw Refused.notFound();
            }
            Entry self = self(caller, applicant);
            if (self.verdict().reasons().contains(Reason.PUPIL_UNDER_14) || self.verdict().reasons().contains(Reason.CHILD_ACCOUNT_UNDER_14)) {
                throw Refused.of(403, "parent_only", "schoolCertificateCredentialsParentOnly");
            }
            return new Holding(caller, Optional.ofNullable(self.certificate()).orElseThrow(Refused::notFound));
        }
        UserModel holder = linkedChild(caller, applicant, childId.strip()).orElseThrow(Refused::notFound);
        return new Holding(holder, certificates.standingOf(holder.getId()).orElseThrow(Refused::notFound));
    }

    /** The time zone of the person's home organisation (the realm's where none). */
    public ZoneId zoneOf(UserModel person) {
        return AgeSettings.zone(realm, homeOf(person));
    }

    // ---------------------------------------------------------------------------------------------

    private Entry self(UserModel caller, Applicant applicant) {
        Certificate held = applicant.role() == Role.STUDENT ? certificates.standingOf(caller.getId()).orElse(null) : null;
        return new Entry(Person.of(caller), true, rule.forSelf(applicant, child(caller, held != null)), held);
    }

    private Optional<UserModel> linkedChild(UserModel caller, Applicant applicant, String childId) {
        if (applicant.role() != Role.PARENT || childId == null || childId.isBlank()) {
            return Optional.empty();
        }
        return new FamilyLinks(session).activePair(caller.getId(), childId)
                .map(l -> session.users().getUserById(realm, l.childId())).filter(Objects::nonNull);
    }

    /**
     * The keyboard evidence (the account's sessions) is read only for a pupil not yet 14: the rule
     * asks it of a child's account only (R-CERT-6 4), and a pupil's token stays at one query.
     */
    private Applicant applicant(UserModel u) {
        Role role = SchoolRole.of(u.getFirstAttribute(SchoolAttributes.ROLE)).map(r -> switch (r) {
            case PARENT -> Role.PARENT;
            case STUDENT -> Role.STUDENT;
            case STAFF -> Role.OTHER;
        }).orElse(Role.OTHER);
        LocalDate born = birthDate(u);
        boolean child = role == Role.STUDENT && !AgePolicy.hasReached(AgeSettings.selfServiceAge(realm), born, Instant.now(),
                AgeSettings.zone(realm, homeOf(u))).reached();
        return new Applicant(role, born, child && ParentAtKeyboard.evident(session, realm, u));
    }

    private Child child(UserModel c, boolean hasCertificate) {
        OrganizationModel home = homeOf(c);
        return new Child(birthDate(c), hasCertificate, CertificateSettings.moduleOn(home), AgeSettings.zone(realm, home));
    }

    /**
     * The person's home organisation (R-ORG-3): found among their memberships, which Keycloak keeps
     * in its user cache; searched by alias (a query) only when they are no longer its member.
     */
    private OrganizationModel homeOf(UserModel person) {
        String alias = person.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationProvider orgs = organisations();
        if (alias == null || orgs == null) {
            return null;
        }
        return orgs.getByMember(person).filter(o -> alias.equals(o.getAlias())).findFirst().orElseGet(() -> orgs.getByAlias(alias));
    }

    private OrganizationProvider organisations() {
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        return orgs == null || !orgs.isEnabled() ? null : orgs;
    }

    static LocalDate birthDate(UserModel u) {
        return birthDate(u.getFirstAttribute(SchoolAttributes.BIRTHDATE));
    }

    static LocalDate birthDate(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
