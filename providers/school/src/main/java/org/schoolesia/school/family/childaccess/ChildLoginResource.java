package org.schoolesia.school.family.childaccess;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.school.personal.PersonalCall;
import org.schoolesia.school.web.Json;

/**
 * {@code /realms/{realm}/school/me/children/{childId}/login} (R-FAM-4), the parent's side:
 * {@code GET} the child's login; {@code PUT {"login","password","confirmation"}} «Создать логин»;
 * {@code POST password {"password","confirmation"}} «Сбросить пароль». The caller is the token's
 * user (audience {@code school-personal-api}), a parent with an active link to the child.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ChildLoginResource {

    private final PersonalCall call;
    private final String childId;
    private final KeycloakSession session;

    public ChildLoginResource(KeycloakSession session, PersonalCall call, String childId) {
        this.session = session;
        this.call = call;
        this.childId = childId;
    }

    @GET
    public Response status() {
        return call.answer(me -> logins().status(logins().childOfParent(me.user(), childId)));
    }

    @PUT
    public Response create(String body) {
        return call.answer(me -> {
            ChildLogins logins = logins();
            var child = logins.childOfParent(me.user(), childId);
            JsonNode json = Json.object(body);
            return logins.create(ChildLogins.Actor.parent(me.user()), child, Json.text(json, "login"), Json.text(json, "password"),
                    Json.text(json, "confirmation"));
        });
    }

    @POST
    @Path("password")
    public Response reset(String body) {
        return call.answer(me -> {
            ChildLogins logins = logins();
            var child = logins.childOfParent(me.user(), childId);
            JsonNode json = Json.object(body);
            return logins.reset(ChildLogins.Actor.parent(me.user()), child, Json.text(json, "password"), Json.text(json, "confirmation"));
        });
    }

    private ChildLogins logins() {
        return new ChildLogins(session, session.getContext().getRealm());
    }
}
