package org.schoolesia.school.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;

/**
 * How every answer of the school API is written: JSON by {@link Json#MAPPER} (nulls written),
 * {@code Cache-Control: no-store}; a refusal as {@code {"error","message",…}} in the caller's
 * language with the transaction rolled back, a 401 with {@code WWW-Authenticate}; anything
 * unexpected as 500 {@code server_error}, logged, never shown.
 */
public final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class);
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private Answers() {
    }

    /** The error body: code, message, and the refusal's extra fields after them. */
    @JsonPropertyOrder({"error", "message"})
    public record Error(String error, String message, @JsonAnyGetter Map<String, Object> extra) {
    }

    public static Response json(int status, Object entity) {
        try {
            return Response.status(status).type(JSON_TYPE).entity(Json.MAPPER.writeValueAsString(entity))
                    .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        } catch (IOException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }

    public static Response noContent() {
        return Response.noContent().header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    public static Response refused(KeycloakSession session, Refused r) {
        session.getTransactionManager().setRollbackOnly();
        Messages messages = messages(session);
        Object[] parameters = r.parameters().stream().map(p -> p instanceof Localised l ? l.in(messages) : p).toArray();
        Map<String, Object> extra = new LinkedHashMap<>();
        r.extra().forEach((k, v) -> extra.put(k, v instanceof Localised l ? l.in(messages) : v));
        Response response = json(r.status(), new Error(r.code(), messages.text(r.messageKey(), parameters), extra));
        if (r.status() != 401) {
            return response;
        }
        String realm = session.getContext().getRealm() == null ? "" : session.getContext().getRealm().getName();
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"").build();
    }

    public static Response failed(KeycloakSession session, RuntimeException e) {
        session.getTransactionManager().setRollbackOnly();
        LOG.error("school API call failed", e);
        return json(500, new Error("server_error", messages(session).text("schoolServerError"), Map.of()));
    }

    /** Texts in the caller's language (Accept-Language, ru or en). */
    public static Messages messages(KeycloakSession session) {
        return new Messages(session, session.getContext().getRequestHeaders());
    }

}
