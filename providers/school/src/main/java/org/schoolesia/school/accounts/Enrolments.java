package org.schoolesia.school.accounts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.orgs.OrganisationAttributes;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * R-ODO-1/2: children who attend a school or kindergarten are not created again in an ОДО; staff
 * pick them from «Список обучающихся в других ОО» (same region), and the child and their parents
 * become members of the ОДО. No new account, no credentials: they keep their home
 * organisation's.
 */
public final class Enrolments {

    private static final Logger LOG = Logger.getLogger(Enrolments.class);
    public static final int MAX_CANDIDATES = 50;
    public static final int MIN_SURNAME = 2;
    /**
     * Defect 11 of issue 10: without a birth date the list needs this much of the surname, so it
     * cannot be paged through two letters at a time to collect other organisations' children's birth dates.
     */
    public static final int MIN_SURNAME_WITHOUT_BIRTHDATE = 4;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Relatives relatives;

    public Enrolments(KeycloakSession session, RealmModel realm, Relatives relatives) {
        this.session = session;
        this.realm = realm;
        this.relatives = relatives;
    }

    public record Candidate(UserModel student, OrganizationModel home, boolean alreadyEnrolled) {
    }

    /** Other organisations of the staff member's region, by alias (optionally only {@code onlyAlias}). */
    private Map<String, OrganizationModel> otherOrganisationsOfRegion(StaffMember staff, String onlyAlias) {
        String region = People.attribute(staff.organisation(), OrganisationAttributes.REGION);
        Map<String, OrganizationModel> orgs = new LinkedHashMap<>();
        if (region == null) {
            return orgs;
        }
        session.getProvider(OrganizationProvider.class).getAllStream(Map.of(OrganisationAttributes.REGION, region), null, null)
                .filter(o -> !o.getId().equals(staff.organisation().getId()))
                .filter(o -> onlyAlias == null || onlyAlias.equals(o.getAlias()))
                .forEach(o -> orgs.put(o.getAlias(), o));
        return orgs;
    }

    public List<Candidate> candidates(StaffMember staff, String surname, String birthdate, String organisationAlias) {
        requireSupplementary(staff);
        String prefix = surname == null ? "" : surname.strip();
        int letters = prefix.codePointCount(0, prefix.length());
        if (letters < MIN_SURNAME) {
            throw Refused.of(400, "surname_too_short", "schoolSurnameTooShort", String.valueOf(MIN_SURNAME));
        }
        String day = birthdate(birthdate);
        if (day == null && letters < MIN_SURNAME_WITHOUT_BIRTHDATE) {
            throw Refused.of(400, "search_too_broad", "schoolCandidatesTooBroad", String.valueOf(MIN_SURNAME_WITHOUT_BIRTHDATE));
        }
        String only = organisationAlias == null || organisationAlias.isBlank() ? null : organisationAlias.strip();
        Map<String, OrganizationModel> orgs = otherOrganisationsOfRegion(staff, only);
        if (only != null && orgs.isEmpty()) {
            throw Refused.of(400, "unknown_organization", "schoolUnknownOrganisation");
        }
        List<Candidate> result = new ArrayList<>();
        for (UserModel student : new PeopleDirectory(session, realm).studentsOf(orgs.keySet(), prefix, day, MAX_CANDIDATES)) {
            OrganizationModel home = orgs.get(student.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION));
            result.add(new Candidate(student, home, session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), student)));
        }
        return result;
    }

    /** A birth date to narrow the list, {@code yyyy-mm-dd} as cards store it; null when not given. */
    private static String birthdate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip()).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw Refused.of(400, "invalid_birthdate", "schoolInvalidBirthdate");
        }
    }

    /**
     * R-ODO-1 describes choosing pupils from other organisations' lists for supplementary education
     * only: a school or kindergarten enrolling another school's pupils would gain their cards and logins.
     */
    private static void requireSupplementary(StaffMember staff) {
        String type = People.attribute(staff.organisation(), OrganisationAttributes.TYPE);
        if (!org.schoolesia.school.orgs.OrganisationType.SUPPLEMENTARY.code().equals(type)) {
            throw Refused.of(403, "not_supplementary", "schoolEnrolOnlySupplementary");
        }
    }

    /** @return ids of the accounts that became members (the student first, then parents not yet members) */
    public List<String> enrol(StaffMember staff, String studentId) {
        requireSupplementary(staff);
        UserModel student = studentId == null ? null : session.users().getUserById(realm, studentId);
        if (student == null || !People.hasRole(student, SchoolRole.STUDENT)) {
            throw Refused.notFound();
        }
        if (session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), student)) {
            throw Refused.of(409, "already_enrolled", "schoolAlreadyEnrolled");
        }
        String home = student.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        if (home == null || !otherOrganisationsOfRegion(staff, home).containsKey(home)) {
            // Only students of another organisation of the region are on the list (R-ODO-1).
            throw Refused.notFound();
        }
        List<String> enrolled = new ArrayList<>();
        session.getProvider(OrganizationProvider.class).addMember(staff.organisation(), student);
        enrolled.add(student.getId());
        relatives.parentsOf(realm, student).stream()
                .filter(parent -> People.hasRole(parent, SchoolRole.PARENT))
                .filter(parent -> !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), parent))
                .forEach(parent -> {
                    session.getProvider(OrganizationProvider.class).addMember(staff.organisation(), parent);
                    enrolled.add(parent.getId());
                });
        LOG.infof("staff %s enrolled %s into %s", staff.user().getId(), enrolled, staff.alias());
        return enrolled;
    }
}
