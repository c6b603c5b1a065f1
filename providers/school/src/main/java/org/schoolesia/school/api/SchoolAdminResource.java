package org.schoolesia.school.api;

import org.schoolesia.school.orgs.DirectoryFormatException;
import org.schoolesia.school.orgs.DirectoryParser;
import org.schoolesia.school.orgs.DirectoryRow;
import org.schoolesia.school.orgs.DirectoryValidator;
import org.schoolesia.school.orgs.ImportResult;
import org.schoolesia.school.orgs.OrganisationDirectory;
import org.schoolesia.school.orgs.RowProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.ErrorResponseException;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.MemberIndex;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SnilsIndex;
import org.schoolesia.school.operations.OperationsAdminResource;

/**
 * Realm-admin REST under {@code /admin/realms/{realm}/school}: Keycloak has authenticated the admin
 * token and hands us its permission evaluator; each operation asks it for the right it needs.
 */
public class SchoolAdminResource {

    private static final Logger LOG = Logger.getLogger(SchoolAdminResource.class);
    static final MediaType TEXT_CSV_TYPE = new MediaType("text", "csv");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    public SchoolAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
    }

    /**
     * R-ORG-1: loads a region's organisation directory, a JSON array ({@code application/json}) or a
     * spreadsheet export ({@code text/csv}: {@code ;}-separated, classes separated by {@code |}).
     * One method for both: with two {@code @Consumes} variants, a third media type makes Keycloak's
     * REST layer fail with 500 instead of 415 (sub-resource locator, RESTEasy Reactive).
     */
    @POST
    @Path("organizations/import")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importDirectory(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        // manage-realm or manage-organizations (or a fine-grained permission to manage organisations)
        auth.orgs().requireManage();
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type != null && type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return importDirectory(body, DirectoryParser::parseJson);
        }
        if (type != null && type.isCompatible(TEXT_CSV_TYPE)) {
            return importDirectory(body, DirectoryParser::parseCsv);
        }
        return error(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send application/json or text/csv");
    }

    private Response importDirectory(String body, Function<String, List<DirectoryRow>> parser) {
        OrganisationDirectory directory = new OrganisationDirectory(session);
        if (!directory.enabled()) {
            return error(Response.Status.BAD_REQUEST, "organizations_disabled", "Organizations are not enabled in this realm (Realm settings → Organizations)");
        }
        List<DirectoryRow> rows;
        try {
            rows = parser.apply(body);
        } catch (DirectoryFormatException e) {
            return error(Response.Status.BAD_REQUEST, "malformed_directory", e.getMessage());
        }
        // Every row is checked before anything is written: one bad row refuses the whole file.
        DirectoryValidator.Outcome outcome = DirectoryValidator.validate(rows);
        List<RowProblem> problems = outcome.valid() ? directory.conflicts(outcome.entries()) : outcome.problems();
        if (!problems.isEmpty()) {
            LOG.infof("organisation import into realm %s refused: %d problem(s) in %d row(s)", realm.getName(), problems.size(), rows.size());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", "invalid_rows");
            answer.put("message", "Nothing was imported: correct the rows listed and send the whole file again");
            answer.put("rows", problems.stream().map(p -> Map.of("row", p.row(), "message", p.message())).toList());
            return Response.status(422).type(MediaType.APPLICATION_JSON).entity(answer).build();
        }
        ImportResult result;
        try {
            result = directory.apply(outcome.entries());
        } catch (ModelDuplicateException e) {
            // Another import or an admin took an alias or name meanwhile: roll back everything.
            throw new ErrorResponseException(errorResponse(Response.Status.CONFLICT, "conflict", e.getMessage()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("created", result.created());
        answer.put("updated", result.updated());
        answer.put("unchanged", result.unchanged());
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.ORGANIZATION)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        LOG.infof("organisation import into realm %s: %d created, %d updated, %d unchanged", realm.getName(),
                result.created(), result.updated(), result.unchanged());
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    /**
     * For operators after bulk SQL loads or upgrades: re-indexes every account's SNILS
     * ({@code indexed}) and every organisation membership of parents and students ({@code members}).
     */
    @POST
    @Path("snils-index/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rebuildSnilsIndex() {
        auth.users().requireManage();
        int indexed = new SnilsIndex(session).rebuild(realm);
        int members = new MemberIndex(session).rebuild(realm);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("indexed", indexed);
        answer.put("members", members);
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.REALM)
                .resourcePath(session.getContext().getUri()).representation(answer).success();
        LOG.infof("indexes of realm %s rebuilt: SNILS of %d account(s), %d membership(s)", realm.getName(), indexed, members);
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    /** Operations: failed mail, retention settings and the retention job on demand (issue 14). */
    @Path("operations")
    public OperationsAdminResource operations() {
        return new OperationsAdminResource(session, realm, auth, adminEvent);
    }

    /** The accounts holding this SNILS, found through the SCHOOL_SNILS index (not attribute search). */
    @GET
    @Path("users/by-snils/{snils}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response usersBySnils(@PathParam("snils") String value) {
        auth.users().requireQuery();
        Snils snils;
        try {
            snils = Snils.parse(value);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, "invalid_snils", e.getMessage());
        }
        List<Map<String, Object>> users = new SnilsIndex(session).findUsers(realm, snils)
                .filter(auth.users()::canView)
                .map(SchoolAdminResource::brief)
                .toList();
        return Response.ok(users, MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Object> brief(UserModel user) {
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("id", user.getId());
        brief.put("username", user.getUsername());
        brief.put("schoolRole", user.getFirstAttribute(SchoolAttributes.ROLE));
        brief.put("homeOrganization", user.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION));
        return brief;
    }

    private static Response error(Response.Status status, String code, String message) {
        return errorResponse(status, code, message);
    }

    private static Response errorResponse(Response.Status status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", code, "message", message)).build();
    }
}
