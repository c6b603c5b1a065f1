package org.schoolesia.school.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.AccountViews.Candidates;
import org.schoolesia.school.accounts.AccountViews.Card;
import org.schoolesia.school.accounts.AccountViews.Created;
import org.schoolesia.school.accounts.AccountViews.Credentials;
import org.schoolesia.school.accounts.AccountViews.Enrolled;
import org.schoolesia.school.accounts.AccountViews.ImportReport;
import org.schoolesia.school.accounts.AccountViews.Login;
import org.schoolesia.school.accounts.AccountViews.Me;
import org.schoolesia.school.accounts.AccountViews.Name;
import org.schoolesia.school.accounts.AccountViews.PeoplePage;
import org.schoolesia.school.accounts.AccountViews.Person;
import org.schoolesia.school.accounts.AccountViews.QuickEntryInput;
import org.schoolesia.school.accounts.AccountViews.Skipped;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Keyset;
import org.schoolesia.school.web.Paging;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;
import org.schoolesia.school.web.StaffMember;

/**
 * {@code /realms/{realm}/school/staff}: what a school, kindergarten or ОДО employee does with the
 * accounts of their organisation (R-ODO-1..3): the list and cards of parents and students, their
 * credentials, enrolment from other organisations' lists, quick entry and import. The caller was
 * authenticated by the root's locator ({@link StaffCall}); every person is looked up in the
 * database and must be a member of the caller's organisation.
 */
@Produces(MediaType.APPLICATION_JSON)
public class AccountsResource {

    static final int MAX_IMPORT_BYTES = 1024 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StaffCall call;
    private final List<CardSection> sections;
    private final Relatives relatives;
    private final Map<String, OrganizationModel> organisations = new HashMap<>();

    public AccountsResource(KeycloakSession session, StaffCall call, List<CardSection> sections, Relatives relatives) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.call = call;
        this.sections = List.copyOf(sections);
        this.relatives = relatives;
    }

    @GET
    @Path("me")
    public Response me() {
        return call.answer(staff -> {
            UserModel u = staff.user();
            return new Me(u.getId(), u.getUsername(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME),
                    u.getAttributeStream(SchoolAttributes.STAFF_POSITION).toList(), AccountViews.Organisation.of(staff.organisation()));
        });
    }

    @GET
    @Path("people")
    public Response people(@QueryParam("role") String role, @QueryParam("surname") String surname,
                           @QueryParam("status") @DefaultValue("all") String status,
                           @QueryParam("first") String first, @QueryParam("max") String max, @QueryParam("after") String after) {
        return call.answer(staff -> {
            List<SchoolRole> roles;
            if (role == null || role.isBlank()) {
                roles = List.of(SchoolRole.PARENT, SchoolRole.STUDENT);
            } else {
                roles = List.of(SchoolRole.of(role).filter(x -> x != SchoolRole.STAFF)
                        .orElseThrow(() -> Refused.of(400, "invalid_role", "schoolInvalidRole")));
            }
            if (!"all".equalsIgnoreCase(status)) {
                // Only «Все» exists so far: statuses of the contingent (выбывшие, выпускники) come with its model.
                throw Refused.of(400, "invalid_status", "schoolInvalidStatus");
            }
            Paging paging = Paging.of(first, max);
            Optional<Keyset> cursor = Keyset.parse(after, 3);
            Keyset.notBoth(paging, cursor);
            PeopleDirectory directory = new PeopleDirectory(session, realm);
            PeopleDirectory.Page page = cursor.isPresent()
                    ? directory.members(staff.organisation(), roles, surname, cursor.get(), paging.max())
                    : directory.members(staff.organisation(), roles, surname, paging.first(), paging.max());
            // Home organisations of the whole page in one query, not one search per alias.
            organisations.putAll(directory.organisationsByAlias(page.users().stream()
                    .map(u -> u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION)).filter(Objects::nonNull)
                    .filter(a -> !organisations.containsKey(a)).collect(Collectors.toSet())));
            Map<String, AccountFlags.Flag> flags = new AccountFlags(session).of(page.users().stream().map(UserModel::getId).toList());
            return new PeoplePage(page.total(), paging.first(), paging.max(),
                    page.users().stream().map(u -> person(staff, u, flags.get(u.getId()))).toList(), page.next());
        });
    }

    @GET
    @Path("people/{id}")
    public Response card(@PathParam("id") String id) {
        return call.answer(staff -> {
            UserModel u = member(staff, id);
            OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
            // Relatives only as far as this organisation knows them: an ОДО sees the parents it
            // enrolled with the child, not a parent's other children elsewhere.
            List<Name> parents = relatives.parentsOf(realm, u).stream()
                    .filter(p -> orgs.isMember(staff.organisation(), p)).map(Name::of).toList();
            List<Name> children = relatives.childrenOf(realm, u).stream()
                    .filter(c -> orgs.isMember(staff.organisation(), c)).map(Name::of).toList();
            Map<String, Object> more = new LinkedHashMap<>();
            sections.forEach(s -> more.put(s.name(), s.of(staff, u)));
            return new Card(person(staff, u, new AccountFlags(session).of(u.getId()).orElse(null)), u.getUsername(), u.getFirstAttribute(SchoolAttributes.GENDER),
                    People.maskedSnils(u.getFirstAttribute(SchoolAttributes.SNILS)),
                    Boolean.parseBoolean(u.getFirstAttribute(SchoolAttributes.NO_MIDDLE_NAME)), parents, children,
                    // Defect 11 of issue 10: only the caller's organisations; the rest of a person's life is not theirs to see.
                    orgs.getByMember(u).filter(o -> o.getId().equals(staff.organisation().getId()))
                            .map(o -> OrganisationRef.of(o, o.getAlias())).toList(), more);
        });
    }

    @POST
    @Path("people/{id}/credentials")
    public Response issueCredentials(@PathParam("id") String id, String body) {
        return call.answerEmpty(staff -> {
            Credentials c = Credentials.from(Json.object(body));
            new CredentialIssuer(session, realm).issue(staff, id, c.password(), c.confirmation(), c.temporary());
        });
    }

    @GET
    @Path("candidates")
    public Response candidates(@QueryParam("surname") String surname, @QueryParam("birthdate") String birthdate,
                               @QueryParam("organization") String organization) {
        return call.answer(staff -> new Candidates(new Enrolments(session, realm, relatives).candidates(staff, surname, birthdate, organization).stream()
                .map(c -> new AccountViews.Candidate(c.student().getId(), c.student().getLastName(), c.student().getFirstName(),
                        c.student().getFirstAttribute(SchoolAttributes.MIDDLE_NAME), c.student().getFirstAttribute(SchoolAttributes.BIRTHDATE),
                        OrganisationRef.of(c.home(), c.student().getFirstAttribute(SchoolAttributes.HOME_ORGANISATION)), c.alreadyEnrolled()))
                .toList()));
    }

    @POST
    @Path("enrolments")
    public Response enrol(String body) {
        return call.answer(201, staff -> new Enrolled(new Enrolments(session, realm, relatives).enrol(staff, Json.text(Json.object(body), "studentId"))));
    }

    @POST
    @Path("accounts")
    public Response quickEntry(String body) {
        return call.answer(201, staff -> {
            QuickEntryInput in = QuickEntryInput.from(Json.object(body));
            QuickEntry.Created created = new QuickEntry(session, realm, relatives).create(staff, in.student(), in.parents());
            return new Created(Login.of(created.student()), created.parents().stream().map(Login::of).toList());
        });
    }

    @POST
    @Path("accounts/import")
    public Response importStudents(InputStream body) {
        return call.answer(staff -> {
            StudentImport.Report report = new StudentImport(session, realm, relatives).run(staff, readBounded(body));
            String reason = call.messages().text("schoolImportAlreadyImported");
            return new ImportReport(report.created(), report.skipped().stream().map(r -> new Skipped(r, reason)).toList());
        });
    }

    // ---------------------------------------------------------------------------------------------

    /** A parent or student of the caller's organisation; anyone else looks absent (security rule 4). */
    private UserModel member(StaffMember staff, String id) {
        UserModel u = session.users().getUserById(realm, id);
        if (u == null || !People.isPerson(u) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), u)) {
            throw Refused.notFound();
        }
        return u;
    }

    private Person person(StaffMember staff, UserModel u, AccountFlags.Flag flag) {
        String home = u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null
                : organisations.computeIfAbsent(home, a -> session.getProvider(OrganizationProvider.class).getByAlias(a));
        return Person.of(u, OrganisationRef.of(org, home), People.isHome(staff.organisation(), u), flag);
    }

    private byte[] readBounded(InputStream in) {
        String length = session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.CONTENT_LENGTH);
        Refused tooLarge = Refused.of(413, "payload_too_large", "schoolImportTooLarge", String.valueOf(MAX_IMPORT_BYTES / 1024));
        if (length != null && parsedLength(length) > MAX_IMPORT_BYTES) {
            throw tooLarge;
        }
        try (in) {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_IMPORT_BYTES + 1);
            if (bytes.length > MAX_IMPORT_BYTES) {
                throw tooLarge;
            }
            return bytes;
        } catch (IOException e) {
            throw Refused.of(400, "malformed_csv", "schoolCsvUnreadable").with("line", 1);
        }
    }

    private static long parsedLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
