package org.schoolesia.school.rest;

import static org.schoolesia.school.rest.StaffCall.integer;
import static org.schoolesia.school.rest.StaffCall.jsonObject;
import static org.schoolesia.school.rest.StaffCall.maskedSnils;
import static org.schoolesia.school.rest.StaffCall.ok;
import static org.schoolesia.school.rest.StaffCall.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.schoolesia.school.accounts.CredentialIssuer;
import org.schoolesia.school.accounts.Enrolments;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.PeopleDirectory;
import org.schoolesia.school.accounts.PersonInput;
import org.schoolesia.school.accounts.QuickEntry;
import org.schoolesia.school.accounts.Refused;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.StaffMember;
import org.schoolesia.school.accounts.StudentImport;
import org.schoolesia.school.link.StaffLinking;
import org.schoolesia.school.orgs.OrganisationAttributes;
import org.schoolesia.school.orgs.OrganisationType;

/**
 * {@code /realms/{realm}/school/staff}: what a school, kindergarten or ОДО employee does with the
 * accounts of their organisation (R-ODO-1..3). Every request authenticates with Keycloak's bearer
 * token machinery; the staff member's organisation is read from their account in the database.
 * Errors are {@code {"error","message"}} in the caller's language; any refusal rolls the
 * transaction back, so nothing is half-saved.
 */
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

    /** The audience a staff token must carry: an audience mapper on the staff page's client adds it. */
    public static final String STAFF_API_AUDIENCE = StaffCall.STAFF_API_AUDIENCE;

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;
    static final int MAX_IMPORT_BYTES = 1024 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, OrganizationModel> organisations = new HashMap<>();
    private final StaffCall call;

    public StaffResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.call = new StaffCall(session);
    }

    @GET
    @Path("me")
    public Response me() {
        return respond(staff -> {
            UserModel u = staff.user();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", u.getId());
            body.put("username", u.getUsername());
            body.put("lastName", u.getLastName());
            body.put("firstName", u.getFirstName());
            body.put("middleName", u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
            body.put("positions", u.getAttributeStream(SchoolAttributes.STAFF_POSITION).toList());
            OrganizationModel org = staff.organisation();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("alias", org.getAlias());
            o.put("name", org.getName());
            String type = People.attribute(org, OrganisationAttributes.TYPE);
            o.put("type", type);
            o.put("typeLabel", OrganisationType.of(type).map(OrganisationType::label).orElse(null));
            body.put("organization", o);
            return ok(body);
        });
    }

    @GET
    @Path("people")
    public Response people(@QueryParam("role") String role, @QueryParam("surname") String surname,
                           @QueryParam("status") @DefaultValue("all") String status,
                           @QueryParam("first") @DefaultValue("0") String firstParam,
                           @QueryParam("max") @DefaultValue("50") String maxParam) {
        return respond(staff -> {
            List<SchoolRole> roles;
            if (role == null || role.isBlank()) {
                roles = List.of(SchoolRole.PARENT, SchoolRole.STUDENT);
            } else {
                SchoolRole r = SchoolRole.of(role).filter(x -> x != SchoolRole.STAFF)
                        .orElseThrow(() -> Refused.of(400, "invalid_role", "schoolInvalidRole"));
                roles = List.of(r);
            }
            if (!"all".equalsIgnoreCase(status)) {
                // Only «Все» exists so far: statuses of the contingent (выбывшие, выпускники) come with its model.
                throw Refused.of(400, "invalid_status", "schoolInvalidStatus");
            }
            int first = Math.max(0, integer(firstParam, 0));
            int max = Math.min(MAX_PAGE, Math.max(1, integer(maxParam, DEFAULT_PAGE)));
            PeopleDirectory directory = new PeopleDirectory(session, realm);
            PeopleDirectory.Page page = directory.members(staff.organisation(), roles, surname, first, max);
            // Home organisations of the whole page in one query, not one search per alias.
            organisations.putAll(directory.organisationsByAlias(page.users().stream()
                    .map(u -> u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION)).filter(Objects::nonNull)
                    .filter(a -> !organisations.containsKey(a)).collect(java.util.stream.Collectors.toSet())));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("total", page.total());
            body.put("first", first);
            body.put("max", max);
            body.put("items", page.users().stream().map(u -> summary(staff, u)).toList());
            return ok(body);
        });
    }

    @GET
    @Path("people/{id}")
    public Response person(@PathParam("id") String id) {
        return respond(staff -> {
            UserModel u = session.users().getUserById(realm, id);
            if (u == null || !People.isPerson(u) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), u)) {
                throw Refused.notFound();
            }
            Map<String, Object> body = summary(staff, u);
            body.put("login", u.getUsername());
            body.put("gender", u.getFirstAttribute(SchoolAttributes.GENDER));
            body.put("snilsMasked", maskedSnils(u.getFirstAttribute(SchoolAttributes.SNILS)));
            body.put("noMiddleName", Boolean.parseBoolean(u.getFirstAttribute(SchoolAttributes.NO_MIDDLE_NAME)));
            // Relatives and organisations only as far as this organisation knows them: an ОДО sees the
            // parents it enrolled with the child, not a parent's other children elsewhere.
            OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
            body.put("parents", u.getAttributeStream(PeopleDirectory.PARENT_IDS)
                    .map(pid -> session.users().getUserById(realm, pid)).filter(Objects::nonNull)
                    .filter(p -> orgs.isMember(staff.organisation(), p)).map(StaffResource::name).toList());
            body.put("children", new PeopleDirectory(session, realm).childrenOf(u.getId()).stream()
                    .filter(c -> orgs.isMember(staff.organisation(), c)).map(StaffResource::name).toList());
            body.put("organizations", orgs.getByMember(u)
                    .map(o -> People.organisationRef(o, o.getAlias())).toList());
            body.put("esiaLink", esiaLink(new StaffLinking(session, realm).view(staff, u)));
            return ok(body);
        });
    }

    /** R-LINK-4: the person's ESIA link as their card shows it. */
    @GET
    @Path("people/{id}/esia-link")
    public Response esiaLink(@PathParam("id") String id) {
        return respond(staff -> ok(esiaLink(new StaffLinking(session, realm).view(staff, id))));
    }

    /**
     * R-LINK-4: {@code {}} authorises the person's next ESIA login (matching SNILS, full name and
     * birth date) to link; {@code {"esiaOid":"…"}} links that ESIA person now.
     */
    @PUT
    @Path("people/{id}/esia-link")
    public Response linkEsia(@PathParam("id") String id, String body) {
        return respond(staff -> {
            JsonNode json = jsonObject(body);
            JsonNode oid = json.get("esiaOid");
            StaffLinking linking = new StaffLinking(session, realm);
            if (oid == null || oid.isNull()) {
                return ok(esiaLink(linking.authorise(staff, id)));
            }
            if (!oid.isTextual() && !oid.isIntegralNumber()) {
                throw Refused.of(400, "invalid_esia_oid", "schoolEsiaLinkInvalidOid");
            }
            return ok(esiaLink(linking.link(staff, id, oid.asText().trim())));
        });
    }

    /** R-LINK-4: unlinks, or cancels an authorisation still waiting; the next ESIA login identifies afresh. */
    @DELETE
    @Path("people/{id}/esia-link")
    public Response unlinkEsia(@PathParam("id") String id) {
        return respond(staff -> ok(esiaLink(new StaffLinking(session, realm).unlink(staff, id))));
    }

    @POST
    @Path("people/{id}/credentials")
    public Response issueCredentials(@PathParam("id") String id, String body) {
        return respond(staff -> {
            JsonNode json = jsonObject(body);
            new CredentialIssuer(session, realm).issue(staff, id, text(json, "password"), text(json, "confirmation"),
                    json.path("temporary").asBoolean(true));
            return Response.noContent().header("Cache-Control", "no-store").build();
        });
    }

    @GET
    @Path("candidates")
    public Response candidates(@QueryParam("surname") String surname, @QueryParam("organization") String organization) {
        return respond(staff -> {
            List<Map<String, Object>> items = new ArrayList<>();
            for (Enrolments.Candidate c : new Enrolments(session, realm).candidates(staff, surname, organization)) {
                UserModel u = c.student();
                Map<String, Object> item = name(u);
                item.put("birthdate", u.getFirstAttribute(SchoolAttributes.BIRTHDATE));
                item.put("homeOrganization", People.organisationRef(c.home(), u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION)));
                item.put("alreadyEnrolled", c.alreadyEnrolled());
                items.add(item);
            }
            return ok(Map.of("items", items));
        });
    }

    @POST
    @Path("enrolments")
    public Response enrol(String body) {
        return respond(staff -> {
            List<String> enrolled = new Enrolments(session, realm).enrol(staff, text(jsonObject(body), "studentId"));
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("enrolled", enrolled)).build();
        });
    }

    @POST
    @Path("accounts")
    public Response quickEntry(String body) {
        return respond(staff -> {
            JsonNode json = jsonObject(body);
            if (!json.path("student").isObject() || !(json.path("parents").isArray() || json.path("parents").isMissingNode())) {
                throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
            }
            List<PersonInput> parents = new ArrayList<>();
            json.path("parents").forEach(p -> parents.add(person(p)));
            QuickEntry.Created created = new QuickEntry(session, realm).create(staff, person(json.get("student")), parents);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("student", Map.of("id", created.student().getId(), "login", created.student().getUsername()));
            out.put("parents", created.parents().stream().map(p -> Map.of("id", p.getId(), "login", p.getUsername())).toList());
            return Response.status(201).type(MediaType.APPLICATION_JSON_TYPE).entity(out).build();
        });
    }

    @POST
    @Path("accounts/import")
    public Response importStudents(InputStream body) {
        return respond(staff -> {
            StudentImport.Report report = new StudentImport(session, realm).run(staff, readBounded(body));
            Messages messages = new Messages(session, headers());
            String reason = messages.text("schoolImportAlreadyImported");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("created", report.created().stream().map(c -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("row", c.row());
                row.put("studentLogin", c.studentLogin());
                row.put("parentLogins", c.parentLogins());
                return row;
            }).toList());
            out.put("skipped", report.skipped().stream().map(r -> Map.of("row", r, "reason", reason)).toList());
            return ok(out);
        });
    }

    // --- authentication and error rendering: StaffCall ----------------------------------------

    private Response respond(Function<StaffMember, Response> action) {
        return call.respond(action);
    }

    private HttpHeaders headers() {
        return call.headers();
    }

    // --- views ---------------------------------------------------------------------------------

    private Map<String, Object> summary(StaffMember staff, UserModel u) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", u.getId());
        item.put("username", u.getUsername());
        item.put("lastName", u.getLastName());
        item.put("firstName", u.getFirstName());
        item.put("middleName", u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        item.put("birthdate", u.getFirstAttribute(SchoolAttributes.BIRTHDATE));
        item.put("role", u.getFirstAttribute(SchoolAttributes.ROLE));
        String home = u.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        item.put("homeOrganization", People.organisationRef(organisation(home), home));
        item.put("enrolmentSource", u.getFirstAttribute(SchoolAttributes.ENROLMENT_SOURCE));
        item.put("canIssueCredentials", staff.isHomeOf(u));
        return item;
    }

    private static Map<String, Object> esiaLink(StaffLinking.View view) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("status", view.status().code());
        link.put("method", view.method() == null ? null : view.method().code());
        link.put("since", view.since() == null ? null : view.since().toString());
        link.put("linkedBy", view.linkedBy());
        link.put("esiaOid", view.esiaOid());
        return link;
    }

    private static Map<String, Object> name(UserModel u) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", u.getId());
        item.put("lastName", u.getLastName());
        item.put("firstName", u.getFirstName());
        item.put("middleName", u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        return item;
    }

    private OrganizationModel organisation(String alias) {
        if (alias == null) {
            return null;
        }
        return organisations.computeIfAbsent(alias, a -> session.getProvider(OrganizationProvider.class).getByAlias(a));
    }

    // --- input ---------------------------------------------------------------------------------

    private static PersonInput person(JsonNode p) {
        if (p == null || !p.isObject()) {
            throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
        }
        return new PersonInput(text(p, "lastName"), text(p, "firstName"), text(p, "middleName"),
                p.path("noMiddleName").asBoolean(false), text(p, "birthdate"), text(p, "gender"), text(p, "snils"));
    }

    private byte[] readBounded(InputStream in) {
        String length = headers().getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && integer(length, 0) > MAX_IMPORT_BYTES) {
            throw Refused.of(413, "payload_too_large", "schoolImportTooLarge", String.valueOf(MAX_IMPORT_BYTES / 1024));
        }
        try (in) {
            byte[] bytes = in == null ? new byte[0] : in.readNBytes(MAX_IMPORT_BYTES + 1);
            if (bytes.length > MAX_IMPORT_BYTES) {
                throw Refused.of(413, "payload_too_large", "schoolImportTooLarge", String.valueOf(MAX_IMPORT_BYTES / 1024));
            }
            return bytes;
        } catch (IOException e) {
            throw Refused.of(400, "malformed_csv", "schoolCsvUnreadable").with("line", 1);
        }
    }
}
