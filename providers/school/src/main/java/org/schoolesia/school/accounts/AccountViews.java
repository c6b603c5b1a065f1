package org.schoolesia.school.accounts;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.orgs.OrganisationAttributes;
import org.schoolesia.school.orgs.OrganisationType;
import org.schoolesia.school.web.Json;

/** The typed bodies of {@link AccountsResource}: what staff send and what they get back. */
final class AccountViews {

    private AccountViews() {
    }

    // --- answers -------------------------------------------------------------------------------

    record Organisation(String alias, String name, String type, String typeLabel) {
        static Organisation of(OrganizationModel org) {
            String type = People.attribute(org, OrganisationAttributes.TYPE);
            return new Organisation(org.getAlias(), org.getName(), type, OrganisationType.of(type).map(OrganisationType::label).orElse(null));
        }
    }

    record Me(String id, String username, String lastName, String firstName, String middleName, List<String> positions,
              Organisation organization) {
    }

    record Name(String id, String lastName, String firstName, String middleName) {
        static Name of(UserModel u) {
            return new Name(u.getId(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        }
    }

    /** A line of the staff list. */
    record Person(String id, String username, String lastName, String firstName, String middleName, String birthdate,
                  String role, OrganisationRef homeOrganization, String enrolmentSource, boolean canIssueCredentials,
                  AccountFlags.Flag flag) {
        /** @param flag R-FAM-5: an adult's Госуслуги session tried this pupil account; null when not */
        static Person of(UserModel u, OrganisationRef home, boolean canIssueCredentials, AccountFlags.Flag flag) {
            return new Person(u.getId(), u.getUsername(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME),
                    u.getFirstAttribute(SchoolAttributes.BIRTHDATE), u.getFirstAttribute(SchoolAttributes.ROLE), home,
                    u.getFirstAttribute(SchoolAttributes.ENROLMENT_SOURCE), canIssueCredentials, flag);
        }
    }

    /** {@code next}: the {@code after} cursor of the following page (keyset paging, issue 14), null on the last. */
    record PeoplePage(long total, int first, int max, List<Person> items, String next) {
    }

    /** A person's card: the list line, more fields, relatives, and other capabilities' sections. */
    record Card(@JsonUnwrapped Person person, String login, String gender, String snilsMasked, boolean noMiddleName,
                List<Name> parents, List<Name> children, List<OrganisationRef> organizations,
                @JsonAnyGetter Map<String, Object> sections) {
    }

    record Candidate(String id, String lastName, String firstName, String middleName, String birthdate,
                     OrganisationRef homeOrganization, boolean alreadyEnrolled) {
    }

    record Candidates(List<Candidate> items) {
    }

    record Enrolled(List<String> enrolled) {
    }

    record Login(String id, String login) {
        static Login of(UserModel u) {
            return new Login(u.getId(), u.getUsername());
        }
    }

    record Created(Login student, List<Login> parents) {
    }

    record Skipped(int row, String reason) {
    }

    record ImportReport(List<StudentImport.CreatedRow> created, List<Skipped> skipped) {
    }

    // --- requests ------------------------------------------------------------------------------

    /** «Выдать логин и пароль» (R-ODO-3): temporary unless said otherwise. */
    record Credentials(String password, String confirmation, boolean temporary) {
        static Credentials from(JsonNode json) {
            return new Credentials(Json.text(json, "password"), Json.text(json, "confirmation"), json.path("temporary").asBoolean(true));
        }
    }

    /** «Быстрый ввод» (R-ODO-1): a child and up to four parents. */
    record QuickEntryInput(PersonInput student, List<PersonInput> parents) {
        static QuickEntryInput from(JsonNode json) {
            if (!json.path("student").isObject() || !(json.path("parents").isArray() || json.path("parents").isMissingNode())) {
                throw Json.invalid();
            }
            List<PersonInput> parents = new java.util.ArrayList<>();
            json.path("parents").forEach(p -> parents.add(person(p)));
            return new QuickEntryInput(person(json.get("student")), parents);
        }

        private static PersonInput person(JsonNode p) {
            if (p == null || !p.isObject()) {
                throw Json.invalid();
            }
            return new PersonInput(Json.text(p, "lastName"), Json.text(p, "firstName"), Json.text(p, "middleName"),
                    p.path("noMiddleName").asBoolean(false), Json.text(p, "birthdate"), Json.text(p, "gender"), Json.text(p, "snils"));
        }
    }
}
