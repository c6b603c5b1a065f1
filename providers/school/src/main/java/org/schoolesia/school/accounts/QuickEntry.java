package org.schoolesia.school.accounts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * «Быстрый ввод учеников» (R-ODO-1): an unorganised child and their parents get new accounts whose
 * home organisation is the staff member's. Everything is checked before the first account is
 * created; a SNILS that already has an account of that role means the child should be enrolled
 * from another organisation's list instead.
 */
public final class QuickEntry {

    private static final Logger LOG = Logger.getLogger(QuickEntry.class);
    public static final int MAX_PARENTS = 4;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Relatives relatives;

    public QuickEntry(KeycloakSession session, RealmModel realm, Relatives relatives) {
        this.session = session;
        this.realm = realm;
        this.relatives = relatives;
    }

    public record Created(UserModel student, List<UserModel> parents) {
    }

    public Created create(StaffMember staff, PersonInput studentIn, List<PersonInput> parentsIn) {
        if (studentIn == null) {
            throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
        }
        if (parentsIn.size() > MAX_PARENTS) {
            throw Refused.of(400, "invalid_request", "schoolTooManyParents", String.valueOf(MAX_PARENTS));
        }
        PersonValidator validator = new PersonValidator(new AgePolicy(Clock.systemUTC()), People.zone(realm, staff.organisation()));
        ValidPerson student = valid(validator, studentIn, "student");
        List<ValidPerson> parents = new ArrayList<>();
        for (int i = 0; i < parentsIn.size(); i++) {
            parents.add(valid(validator, parentsIn.get(i), "parents[" + i + "]"));
        }

        Map<Snils, String> seen = new HashMap<>();
        checkSnils(staff, student, SchoolRole.STUDENT, "student.snils", seen);
        for (int i = 0; i < parents.size(); i++) {
            checkSnils(staff, parents.get(i), SchoolRole.PARENT, "parents[" + i + "].snils", seen);
        }

        AccountFactory factory = new AccountFactory(session, realm, staff.organisation(), EnrolmentSource.QUICK_ENTRY);
        List<UserModel> parentUsers = new ArrayList<>();
        for (ValidPerson parent : parents) {
            parentUsers.add(factory.create(parent, SchoolRole.PARENT));
        }
        UserModel studentUser = factory.create(student, SchoolRole.STUDENT);
        parentUsers.forEach(p -> relatives.createdTogether(realm, p, studentUser, staff.user().getId()));
        LOG.infof("staff %s created student %s and %d parent(s) in %s by quick entry", staff.user().getId(), studentUser.getId(), parentUsers.size(), staff.alias());
        return new Created(studentUser, parentUsers);
    }

    private static ValidPerson valid(PersonValidator validator, PersonInput in, String prefix) {
        PersonValidator.Result r = validator.validate(in, PersonValidator.Required.ALL);
        if (r instanceof PersonValidator.Invalid bad) {
            throw StudentImport.refused(400, bad.problem()).with("field", prefix + "." + bad.field());
        }
        return ((PersonValidator.Valid) r).person();
    }

    private void checkSnils(StaffMember staff, ValidPerson person, SchoolRole role, String field, Map<Snils, String> seen) {
        if (person.snils() == null) {
            return;
        }
        if (seen.putIfAbsent(person.snils(), field) != null) {
            throw Refused.of(409, "duplicate_snils", "schoolDuplicateSnilsInRequest").with("field", field);
        }
        List<UserModel> taken = new SnilsIndex(session).findUsers(realm, person.snils()).filter(u -> People.hasRole(u, role)).toList();
        if (taken.isEmpty()) {
            return;
        }
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        if (taken.stream().anyMatch(u -> orgs.isMember(staff.organisation(), u))) {
            // The organisation's own list shows this person: saying so reveals nothing new.
            throw Refused.of(409, "duplicate_snils", "schoolDuplicateSnils").with("field", field);
        }
        // Defect 11 of issue 10: not "an account with this SNILS exists" about people of other
        // organisations; one answer that names no account, whatever is behind the refusal.
        LOG.infof("staff %s: quick entry refused a SNILS (%s) in use outside %s", staff.user().getId(), person.snils().masked(), staff.alias());
        throw Refused.of(409, "snils_unavailable", "schoolSnilsUnavailable").with("field", field);
    }
}
