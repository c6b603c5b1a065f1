package org.schoolesia.school.family.childaccess;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.AccountFlags;
import org.schoolesia.school.accounts.CredentialIssuer;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;
import org.schoolesia.school.web.StaffMember;

/**
 * {@code /realms/{realm}/school/staff/people/{childId}/child-login} (R-FAM-4), the school's side:
 * the same login and password as a parent sets, by staff of the child's home organisation
 * ({@code GET}, {@code PUT}, {@code POST password}), and {@code DELETE flag} clears the card's
 * R-FAM-5 flag once staff have talked to the family.
 */
@Produces(MediaType.APPLICATION_JSON)
public class StaffChildLoginResource {

    private final KeycloakSession session;
    private final StaffCall call;
    private final String childId;

    public StaffChildLoginResource(KeycloakSession session, StaffCall call, String childId) {
        this.session = session;
        this.call = call;
        this.childId = childId;
    }

    @GET
    public Response status() {
        return call.answer(staff -> {
            // Shown on the card of any person of the organisation; the state says why buttons are missing.
            return logins().status(personOf(staff));
        });
    }

    @PUT
    public Response create(String body) {
        return call.answer(staff -> {
            ChildLogins logins = logins();
            UserModel child = logins.childOfStaff(staff, childId);
            JsonNode json = Json.object(body);
            return logins.create(ChildLogins.Actor.staff(staff), child, Json.text(json, "login"), Json.text(json, "password"),
                    Json.text(json, "confirmation"));
        });
    }

    @POST
    @Path("password")
    public Response reset(String body) {
        return call.answer(staff -> {
            ChildLogins logins = logins();
            UserModel child = logins.childOfStaff(staff, childId);
            JsonNode json = Json.object(body);
            return logins.reset(ChildLogins.Actor.staff(staff), child, Json.text(json, "password"), Json.text(json, "confirmation"));
        });
    }

    /** R-FAM-5: staff of the home organisation clear the flag; whatever the child's age. */
    @DELETE
    @Path("flag")
    public Response clearFlag() {
        return call.answerEmpty(staff -> {
            UserModel child = personOf(staff);
            if (!People.isHome(staff.organisation(), child)) {
                throw CredentialIssuer.notHome(session, child);
            }
            new AccountFlags(session).clear(child.getId());
        });
    }

    /** A parent or pupil of the staff member's organisation; anyone else looks absent. */
    private UserModel personOf(StaffMember staff) {
        UserModel person = session.users().getUserById(session.getContext().getRealm(), childId);
        if (person == null || !People.isPerson(person) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), person)) {
            throw Refused.notFound();
        }
        return person;
    }

    private ChildLogins logins() {
        return new ChildLogins(session, session.getContext().getRealm());
    }
}
