package org.schoolesia.school.accounts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.age.AgePolicy;
import org.schoolesia.school.web.Localised;
import org.schoolesia.school.web.Messages;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * «Импорт учеников» (R-ODO-1): a CSV of unorganised children (and optionally a parent per row)
 * becomes accounts whose home organisation is the staff member's. All rows are checked first;
 * one bad row and nothing is saved. Re-running a file imports nothing twice: a child already
 * there (same SNILS, or same surname, name and date of birth at this organisation) is skipped.
 */
public final class StudentImport {

    private static final Logger LOG = Logger.getLogger(StudentImport.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Relatives relatives;

    public StudentImport(KeycloakSession session, RealmModel realm, Relatives relatives) {
        this.session = session;
        this.realm = realm;
        this.relatives = relatives;
    }

    /** A refused row: the column at fault (may be null) and why. */
    public record RowProblem(int row, String column, Problem problem) {

        /** As the import answer shows it: the message names the column it is about. */
        RowError in(Messages messages) {
            String text = messages.text(problem.messageKey(), problem.parameters().toArray());
            return new RowError(row, column, problem.code(), column == null ? text : column + ": " + text);
        }
    }

    /** One refused row of the answer. */
    public record RowError(int row, String column, String error, String message) {
    }

    /**
     * A SNILS that has an account of the row's role: said plainly when the organisation's own list
     * shows that account; otherwise one answer that names no account (defect 11 of issue 10).
     */
    private Problem snilsTaken(StaffMember staff, List<UserModel> holders) {
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        return holders.stream().anyMatch(u -> orgs.isMember(staff.organisation(), u))
                ? Problem.of("duplicate_snils", "schoolDuplicateSnils") : Problem.of("snils_unavailable", "schoolSnilsUnavailable");
    }

    static Refused refused(int status, Problem problem) {
        return Refused.of(status, problem.code(), problem.messageKey(), problem.parameters().toArray());
    }

    public record CreatedRow(int row, String studentLogin, List<String> parentLogins) {
    }

    public record Report(List<CreatedRow> created, List<Integer> skipped) {
    }

    private record Planned(int row, ValidPerson student, ValidPerson parent, String parentKey) {
    }

    public Report run(StaffMember staff, byte[] csv) {
        List<StudentCsv.Row> rows;
        try {
            rows = StudentCsv.parse(csv);
        } catch (StudentCsv.MalformedCsv e) {
            throw refused(400, e.problem()).with("line", e.line());
        }
        if (rows.isEmpty()) {
            throw Refused.of(400, "malformed_csv", "schoolCsvNoRows").with("line", 2);
        }
        String home = staff.alias();
        PersonValidator validator = new PersonValidator(new AgePolicy(Clock.systemUTC()), People.zone(realm, staff.organisation()));
        PeopleDirectory directory = new PeopleDirectory(session, realm);
        SnilsIndex index = new SnilsIndex(session);

        List<RowProblem> problems = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        Map<Snils, Integer> studentSnilsRows = new HashMap<>();
        Map<String, Integer> studentNameRows = new HashMap<>();
        Map<String, ValidPerson> parentsByKey = new HashMap<>();
        Map<Snils, UserModel> existingParents = new HashMap<>();

        for (StudentCsv.Row row : rows) {
            PersonValidator.Result s = validator.validate(row.student(), PersonValidator.Required.ALL);
            if (s instanceof PersonValidator.Invalid bad) {
                problems.add(new RowProblem(row.line(), studentColumn(bad.field()), bad.problem()));
                continue;
            }
            ValidPerson student = ((PersonValidator.Valid) s).person();
            ValidPerson parent = null;
            if (row.parent() != null) {
                PersonValidator.Result p = validator.validate(row.parent(), PersonValidator.Required.NAMES_ONLY);
                if (p instanceof PersonValidator.Invalid bad) {
                    problems.add(new RowProblem(row.line(), parentColumn(bad.field()), bad.problem()));
                    continue;
                }
                parent = ((PersonValidator.Valid) p).person();
            }

            // Duplicates inside the file.
            String nameKey = PeopleDirectory.fold(student.lastName() + "|" + student.firstName()) + "|" + student.birthdate();
            Integer sameSnils = student.snils() == null ? null : studentSnilsRows.putIfAbsent(student.snils(), row.line());
            Integer sameName = studentNameRows.putIfAbsent(nameKey, row.line());
            if (sameSnils != null) {
                problems.add(new RowProblem(row.line(), StudentCsv.SNILS,
                        Problem.of("duplicate_snils", "schoolImportDuplicateSnilsRow", String.valueOf(sameSnils))));
                continue;
            }
            if (sameName != null) {
                problems.add(new RowProblem(row.line(), null, Problem.of("duplicate_row", "schoolImportDuplicateRow", String.valueOf(sameName))));
                continue;
            }

            // Already imported (re-run) or someone else's student.
            if (student.snils() != null) {
                List<UserModel> holders = index.findUsers(realm, student.snils()).filter(u -> People.hasRole(u, SchoolRole.STUDENT)).toList();
                if (holders.stream().anyMatch(u -> home.equals(u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION)))) {
                    skipped.add(row.line());
                    continue;
                }
                if (!holders.isEmpty()) {
                    problems.add(new RowProblem(row.line(), StudentCsv.SNILS, snilsTaken(staff, holders)));
                    continue;
                }
            }
            if (directory.studentByNameAndBirthdate(home, student.lastName(), student.firstName(), student.birthdate().toString()).isPresent()) {
                skipped.add(row.line());
                continue;
            }

            String parentKey = null;
            if (parent != null) {
                if (parent.snils() != null && studentSnilsRows.containsKey(parent.snils())) {
                    problems.add(new RowProblem(row.line(), StudentCsv.PARENT_SNILS, Problem.of("duplicate_snils", "schoolImportParentIsStudent")));
                    continue;
                }
                // Siblings in one file share a parent only when the SNILS says it is the same person: two
                // namesakes must never become one account that sees both families' children (R-FAM-5).
                parentKey = parent.snils() != null ? "snils:" + parent.snils().digits() : "row:" + row.line();
                ValidPerson known = parentsByKey.putIfAbsent(parentKey, parent);
                if (known != null && !sameName(known, parent)) {
                    problems.add(new RowProblem(row.line(), StudentCsv.PARENT_SNILS, Problem.of("duplicate_snils", "schoolImportParentSnilsConflict")));
                    continue;
                }
                if (parent.snils() != null && !existingParents.containsKey(parent.snils())) {
                    List<UserModel> holders = index.findUsers(realm, parent.snils()).filter(u -> People.hasRole(u, SchoolRole.PARENT)).toList();
                    Optional<UserModel> ours = holders.stream().filter(u -> home.equals(u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION))).findFirst();
                    if (ours.isPresent()) {
                        // A parent this organisation created before (a sibling imported earlier): reuse the account.
                        existingParents.put(parent.snils(), ours.get());
                    } else if (!holders.isEmpty()) {
                        problems.add(new RowProblem(row.line(), StudentCsv.PARENT_SNILS, snilsTaken(staff, holders)));
                        continue;
                    }
                }
            }
            planned.add(new Planned(row.line(), student, parent, parentKey));
        }

        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(RowProblem::row));
            throw Refused.of(422, "invalid_rows", "schoolImportInvalidRows", String.valueOf(problems.size()))
                    .with("rows", (Localised) messages -> problems.stream().map(p -> p.in(messages)).toList());
        }

        AccountFactory factory = new AccountFactory(session, realm, staff.organisation(), EnrolmentSource.IMPORT);
        Map<String, UserModel> parentAccounts = new HashMap<>();
        List<CreatedRow> created = new ArrayList<>();
        for (Planned p : planned) {
            List<String> parentLogins = new ArrayList<>();
            List<UserModel> parents = new ArrayList<>();
            if (p.parent() != null) {
                UserModel parent = parentAccounts.get(p.parentKey());
                if (parent == null && p.parent().snils() != null) {
                    parent = existingParents.get(p.parent().snils());
                    if (parent != null && !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), parent)) {
                        session.getProvider(OrganizationProvider.class).addMember(staff.organisation(), parent);
                    }
                }
                if (parent == null) {
                    parent = factory.create(p.parent(), SchoolRole.PARENT);
                }
                parentAccounts.put(p.parentKey(), parent);
                parentLogins.add(parent.getUsername());
                parents.add(parent);
            }
            UserModel student = factory.create(p.student(), SchoolRole.STUDENT);
            parents.forEach(parent -> relatives.createdTogether(realm, parent, student, staff.user().getId()));
            created.add(new CreatedRow(p.row(), student.getUsername(), parentLogins));
        }
        LOG.infof("staff %s imported %d row(s) into %s, skipped %d", staff.user().getId(), created.size(), home, skipped.size());
        return new Report(created, skipped);
    }

    private static boolean sameName(ValidPerson a, ValidPerson b) {
        return PeopleDirectory.fold(a.lastName()).equals(PeopleDirectory.fold(b.lastName()))
                && PeopleDirectory.fold(a.firstName()).equals(PeopleDirectory.fold(b.firstName()));
    }

    private static String studentColumn(String field) {
        return switch (field) {
            case "lastName" -> StudentCsv.LAST_NAME;
            case "firstName" -> StudentCsv.FIRST_NAME;
            case "middleName" -> StudentCsv.MIDDLE_NAME;
            case "birthdate" -> StudentCsv.BIRTHDATE;
            case "gender" -> StudentCsv.GENDER;
            case "snils" -> StudentCsv.SNILS;
            default -> null;
        };
    }

    private static String parentColumn(String field) {
        return switch (field) {
            case "lastName" -> StudentCsv.PARENT_LAST_NAME;
            case "firstName" -> StudentCsv.PARENT_FIRST_NAME;
            case "middleName" -> StudentCsv.PARENT_MIDDLE_NAME;
            case "snils" -> StudentCsv.PARENT_SNILS;
            default -> null;
        };
    }
}
