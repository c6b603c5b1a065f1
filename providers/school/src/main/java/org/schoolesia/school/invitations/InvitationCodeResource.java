package org.schoolesia.school.invitations;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.web.StaffCall;

/**
 * {@code /realms/{realm}/school/staff/people/{id}/invitation-codes} (R-FAM-2): {@code GET} the
 * pupil's active codes (never a code: when issued, until when, by whom); {@code POST} issues a
 * code, answered once with what the printed slip needs; {@code DELETE} withdraws every active code.
 * Authenticated by the root's locator ({@link StaffCall}).
 */
@Produces(MediaType.APPLICATION_JSON)
public class InvitationCodeResource {

    private final KeycloakSession session;
    private final StaffCall call;
    private final String childId;
    private final StaffInvitations invitations;

    public InvitationCodeResource(KeycloakSession session, StaffCall call, String childId) {
        this.session = session;
        this.call = call;
        this.childId = childId;
        this.invitations = new StaffInvitations(session, session.getContext().getRealm());
    }

    public record Child(String id, String lastName, String firstName, String middleName) {
        static Child of(UserModel u) {
            return new Child(u.getId(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        }
    }

    public record Actor(String id, String name) {
    }

    public record ActiveCode(int slot, String issuedAt, String expiresAt, Actor issuedBy) {
    }

    public record Codes(Child child, boolean mayIssue, int max, List<ActiveCode> active) {
    }

    /** The answer of an issue: the code in groups, shown once, and the slip's facts. */
    public record IssuedCode(String id, String code, String expiresAt, Child child, OrganisationRef organization, String personalPageUrl,
                             Codes codes) {
    }

    @GET
    public Response list() {
        return call.answer(staff -> codes(invitations.status(staff, childId)));
    }

    @POST
    public Response issue() {
        return call.answer(201, staff -> {
            StaffInvitations.Issued issued = invitations.issue(staff, childId);
            return new IssuedCode(issued.codeId(), issued.code(), instant(issued.expiresAt()), Child.of(issued.child()),
                    OrganisationRef.of(issued.organisation(), issued.organisation().getAlias()), personalPageUrl(),
                    codes(invitations.status(staff, childId)));
        });
    }

    @DELETE
    public Response withdraw() {
        return call.answer(staff -> {
            invitations.withdraw(staff, childId);
            return codes(invitations.status(staff, childId));
        });
    }

    private Codes codes(StaffInvitations.Status s) {
        return new Codes(Child.of(s.child()), s.mayIssue(), s.max(), s.active().stream()
                .map(a -> new ActiveCode(a.slot(), instant(a.issuedAt()), instant(a.expiresAt()),
                        new Actor(a.issuedBy(), invitations.displayName(a.issuedBy())))).toList());
    }

    /** Where parents redeem: «Персональные настройки» of this realm, as this server is reached. */
    private String personalPageUrl() {
        RealmModel realm = session.getContext().getRealm();
        URI uri = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName()).path("school").path("personal")
                .path("/").build();
        return uri.toString();
    }

    private static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
