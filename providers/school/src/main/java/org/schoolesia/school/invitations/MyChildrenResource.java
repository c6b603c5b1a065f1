package org.schoolesia.school.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.personal.PersonalCall;
import org.schoolesia.school.web.Json;

/**
 * {@code POST /realms/{realm}/school/me/children} {@code {"lastName","firstName","code"}} (R-FAM-2):
 * «Добавить ребенка» on «Мои дети». The caller is the token's user (audience
 * {@code school-personal-api}, {@link PersonalCall}); 200 {@code {created, child:{…}}} — created
 * false when the child was the parent's already (the code stays unused). Refusals: 403
 * {@code not_a_parent} / {@code esia_required}, 400 {@code fields_required} / {@code code_malformed},
 * 429 {@code too_many_attempts}, and for every other reason one 400 {@code invitation_not_accepted}.
 */
@Produces(MediaType.APPLICATION_JSON)
public class MyChildrenResource {

    private final KeycloakSession session;
    private final PersonalCall call;

    public MyChildrenResource(KeycloakSession session, PersonalCall call) {
        this.session = session;
        this.call = call;
    }

    public record Child(String id, String lastName, String firstName, String middleName, OrganisationRef organization) {
    }

    public record Added(boolean created, Child child, String source) {
    }

    @POST
    public Response add(String body) {
        return call.answer(me -> {
            JsonNode json = Json.object(body);
            ClientConnection connection = session.getContext().getConnection();
            ChildRedemption.Redeemed r = new ChildRedemption(session, me.realm()).redeem(me.user(), Json.text(json, "lastName"),
                    Json.text(json, "firstName"), Json.text(json, "code"), connection == null ? null : connection.getRemoteAddr());
            String home = r.child().getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
            var orgs = session.getProvider(org.keycloak.organization.OrganizationProvider.class);
            OrganisationRef org = home == null ? null : OrganisationRef.of(orgs.getByAlias(home), home);
            return new Added(r.created(), new Child(r.child().getId(), r.child().getLastName(), r.child().getFirstName(),
                    r.child().getFirstAttribute(SchoolAttributes.MIDDLE_NAME), org), r.link().source().code());
        });
    }
}
