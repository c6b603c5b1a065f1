package org.schoolesia.school.operations;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.schoolesia.school.requests.MailOutbox;
import org.schoolesia.school.requests.RequestHousekeeping;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Messages;
import org.schoolesia.school.web.Refused;

/**
 * Realm-admin REST {@code /admin/realms/{realm}/school/operations}: the e-mails the outbox gave up
 * (with why; retried once the cause is fixed), the realm's retention settings and the retention job
 * run at once (e.g. after shortening a setting). Reading needs view-realm, changing manage-realm.
 */
public class OperationsAdminResource {

    private static final Logger LOG = Logger.getLogger(OperationsAdminResource.class);
    private static final int FAILED_MAIL_LIST = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final HttpHeaders headers;

    public OperationsAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.headers = session.getContext().getRequestHeaders();
    }

    /** The newest e-mails given up (at most 200): request number, template, attempts, when, why. No addresses. */
    @GET
    @Path("failed-mail")
    @Produces(MediaType.APPLICATION_JSON)
    public Response failedMail() {
        auth.realm().requireViewRealm();
        return Response.ok(new RequestHousekeeping(session, realm).failedMail(FAILED_MAIL_LIST), MediaType.APPLICATION_JSON).build();
    }

    /** Puts a given-up e-mail back in the outbox, due now (after the address or the SMTP settings were fixed). */
    @POST
    @Path("failed-mail/{id}/retry")
    public Response retry(@PathParam("id") String id) {
        auth.realm().requireManageRealm();
        if (!session.getProvider(MailOutbox.class).retry(realm, id)) {
            return error(Refused.notFound());
        }
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.REALM).resourcePath(session.getContext().getUri()).success();
        LOG.infof("mail outbox: a given-up e-mail (%s) put back in the outbox of realm %s by an admin", id, realm.getName());
        return Response.noContent().build();
    }

    /** The realm's retention settings as they apply (defaults filled in), in days and as ISO-8601 durations. */
    @GET
    @Path("retention")
    @Produces(MediaType.APPLICATION_JSON)
    public Response retention() {
        auth.realm().requireViewRealm();
        return Response.ok(describe(Retention.policy(realm)), MediaType.APPLICATION_JSON).build();
    }

    /**
     * Sets either or both of {@code decidedRequests} and {@code sentMail}: a number of days or an
     * ISO-8601 duration; {@code null} returns the setting to its default. Refused whole if one is unreadable.
     */
    @PUT
    @Path("retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response setRetention(String body) {
        auth.realm().requireManageRealm();
        JsonNode json;
        try {
            json = Json.object(body);
        } catch (Refused r) {
            return error(r);
        }
        Map<String, String> attributes = Map.of("decidedRequests", RetentionPolicy.DECIDED_REQUESTS_ATTRIBUTE,
                "sentMail", RetentionPolicy.SENT_MAIL_ATTRIBUTE);
        for (Map.Entry<String, String> field : attributes.entrySet()) {
            JsonNode value = json.get(field.getKey());
            if (value != null && !value.isNull() && RetentionPolicy.parse(value.asText()).isEmpty()) {
                return error(Refused.of(400, "invalid_retention", "schoolRetentionInvalid", field.getKey(), value.asText()));
            }
        }
        for (Map.Entry<String, String> field : attributes.entrySet()) {
            if (json.has(field.getKey())) {
                JsonNode value = json.get(field.getKey());
                if (value.isNull()) {
                    realm.removeAttribute(field.getValue());
                } else {
                    realm.setAttribute(field.getValue(), value.asText().strip());
                }
            }
        }
        Map<String, Object> answer = describe(Retention.policy(realm));
        adminEvent.operation(OperationType.UPDATE).resource(ResourceType.REALM).resourcePath(session.getContext().getUri())
                .representation(answer).success();
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    /** Runs the retention job for this realm now; answers how many rows went. */
    @POST
    @Path("retention/run")
    @Produces(MediaType.APPLICATION_JSON)
    public Response runRetention() {
        auth.realm().requireManageRealm();
        RequestHousekeeping.Purged purged = session.getProvider(Operations.class).purgeNow(realm);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("decidedRequests", purged.decidedRequests());
        answer.put("mail", purged.mail());
        adminEvent.operation(OperationType.ACTION).resource(ResourceType.REALM).resourcePath(session.getContext().getUri())
                .representation(answer).success();
        LOG.infof("retention: realm %s, run by an admin: %d decided access request(s) and %d e-mail(s) removed", realm.getName(),
                purged.decidedRequests(), purged.mail());
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    private Map<String, Object> describe(RetentionPolicy policy) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("decidedRequests", RetentionPolicy.format(policy.decidedRequests()));
        answer.put("decidedRequestsDays", days(policy.decidedRequests()));
        answer.put("sentMail", RetentionPolicy.format(policy.sentMail()));
        answer.put("sentMailDays", days(policy.sentMail()));
        // Our audit is Keycloak's user and admin events: they expire by the realm's Events settings.
        answer.put("eventsExpirationSeconds", realm.getEventsExpiration());
        answer.put("adminEventsExpirationSeconds", realm.getAttribute("adminEventsExpiration"));
        return answer;
    }

    private static double days(Duration d) {
        return d.toSeconds() / 86_400.0;
    }

    private Response error(Refused r) {
        Messages messages = new Messages(session, headers);
        Object[] parameters = r.parameters().stream().map(p -> p instanceof org.schoolesia.school.web.Localised l ? l.in(messages) : p).toArray();
        return Response.status(r.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", r.code(), "message", messages.text(r.messageKey(), parameters))).build();
    }
}
