package org.schoolesia.school.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.schoolesia.esia.protocol.Snils;
import org.schoolesia.school.accounts.CredentialIssuer;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.Refused;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.accounts.StaffMember;
import org.schoolesia.school.accounts.StudentImport;
import org.schoolesia.school.link.StaffLinking;

/**
 * One call of a staff REST resource ({@code staff}, {@code access-requests}): authenticates the
 * caller (security rule 4: Keycloak checks the token, our authorisation comes from the database),
 * runs the action and renders what went wrong as {@code {"error","message"}} in the caller's
 * language. Any refusal or failure rolls the transaction back, so nothing is half-saved.
 */
final class StaffCall {

    /** The audience a staff token must carry: an audience mapper on the staff page's client adds it. */
    static final String STAFF_API_AUDIENCE = "school-staff-api";

    /** Plain Jackson: writes nulls (Keycloak's own writer leaves them out). */
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Logger LOG = Logger.getLogger(StaffCall.class);

    private final KeycloakSession session;
    private final RealmModel realm;

    StaffCall(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    Response respond(Function<StaffMember, Response> action) {
        try {
            return action.apply(authenticate());
        } catch (Refused r) {
            session.getTransactionManager().setRollbackOnly();
            return error(r);
        } catch (CredentialIssuer.PolicyRefusal p) {
            session.getTransactionManager().setRollbackOnly();
            return json(400, body("password_policy", messages().text(p.error().getMessage(), p.error().getParameters())));
        } catch (RuntimeException e) {
            session.getTransactionManager().setRollbackOnly();
            LOG.error("staff request failed", e);
            return json(500, body("server_error", messages().text("schoolServerError")));
        }
    }

    /** Security rule 4: Keycloak verifies the token; our authorisation comes from the database. */
    StaffMember authenticate() {
        // Security rule 4: only tokens meant for this API. A relying system holding a staff member's
        // token for its own use (the diary, say) must not be able to set pupils' passwords with it.
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setAudience(STAFF_API_AUDIENCE).authenticate();
        if (auth == null || auth.user() == null) {
            throw Refused.of(401, "unauthorized", "schoolStaffUnauthorized");
        }
        UserModel user = auth.user();
        if (!user.isEnabled() || !People.hasRole(user, SchoolRole.STAFF)) {
            throw Refused.of(403, "not_staff", "schoolNotStaff");
        }
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        String alias = user.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = orgs == null || !orgs.isEnabled() || alias == null ? null : orgs.getByAlias(alias);
        if (org == null || !org.isEnabled()) {
            throw Refused.of(403, "not_staff", "schoolNotStaff");
        }
        return new StaffMember(user, org, auth.client());
    }

    Response error(Refused r) {
        Messages messages = messages();
        Object[] parameters = r.problem().parameters().toArray();
        Object fieldKeys = r.extra().get(StaffLinking.MISSING_FIELD_KEYS);
        if (fieldKeys instanceof List<?> keys) {
            // «Заполните в карточке: СНИЛС, дата рождения» in the caller's language.
            parameters = new Object[] {keys.stream().map(k -> messages.text(String.valueOf(k))).collect(java.util.stream.Collectors.joining(", "))};
        }
        Map<String, Object> body = body(r.problem().code(), messages.text(r.problem().messageKey(), parameters));
        r.extra().forEach((k, v) -> {
            if (!StaffLinking.MISSING_FIELD_KEYS.equals(k)) {
                body.put(k, "rows".equals(k) ? rows(messages, v) : v);
            }
        });
        Response.ResponseBuilder builder = Response.status(r.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body)
                .header("Cache-Control", "no-store");
        if (r.status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm.getName() + "\"");
        }
        return builder.build();
    }

    private static List<Map<String, Object>> rows(Messages messages, Object value) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            StudentImport.RowProblem p = (StudentImport.RowProblem) o;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("row", p.row());
            row.put("column", p.column());
            row.put("error", p.problem().code());
            String text = messages.text(p.problem().messageKey(), p.problem().parameters().toArray());
            row.put("message", p.column() == null ? text : p.column() + ": " + text);
            out.add(row);
        }
        return out;
    }

    /** Texts in the caller's language (Accept-Language, ru or en). */
    Messages messages() {
        return new Messages(session, headers());
    }

    HttpHeaders headers() {
        return session.getContext().getRequestHeaders();
    }

    // --- rendering -----------------------------------------------------------------------------

    static Map<String, Object> body(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    static Response ok(Object entity) {
        return json(200, entity);
    }

    static Response json(int status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).header("Cache-Control", "no-store").build();
    }

    /** As {@link #json(int, Object)}, written by plain Jackson: a field without a value is {@code null}, not left out. */
    static Response jsonWithNulls(int status, Object entity) {
        try {
            return Response.status(status).type("application/json; charset=utf-8").entity(JSON.writeValueAsString(entity))
                    .header("Cache-Control", "no-store").build();
        } catch (IOException e) {
            throw new IllegalStateException("response not serialisable", e);
        }
    }

    static String maskedSnils(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Snils.parse(value).masked();
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }

    // --- input ---------------------------------------------------------------------------------

    /** The request body as a JSON object; anything else is 400 {@code invalid_request}. */
    static JsonNode jsonObject(String body) {
        if (body == null || body.isBlank()) {
            throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
            }
            return node;
        } catch (IOException e) {
            throw Refused.of(400, "invalid_request", "schoolInvalidRequest");
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : null;
    }

    static int integer(String value, int fallback) {
        try {
            return Integer.parseInt(value.trim());
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
