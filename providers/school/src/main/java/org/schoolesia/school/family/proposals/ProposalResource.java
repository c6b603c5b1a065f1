package org.schoolesia.school.family.proposals;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.family.LinkKind;
import org.schoolesia.school.family.SnilsChildren;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Messages;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;

/**
 * {@code /realms/{realm}/school/staff/people/{childId}/family-links/proposals} (issue 12, «Children
 * from Госуслуги»): {@code GET} the pupil's proposals; {@code POST …/{id}/confirm {"kind"}} links the
 * parent (source {@code esia-children}); {@code POST …/{id}/dismiss {"reason"}}. Staff of the pupil's
 * home organisation only; anyone else gets 404. Also {@code GET /staff/family-proposals}: the caller's
 * organisation's open proposals.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {

    private final StaffCall call;
    private final String childId;
    private final StaffProposals proposals;

    public ProposalResource(KeycloakSession session, StaffCall call, String childId) {
        this.call = call;
        this.childId = childId;
        this.proposals = new StaffProposals(session, session.getContext().getRealm());
    }

    public record Person(String id, String username, String lastName, String firstName, String middleName) {
    }

    /** The child as Госуслуги named it (what the parent sees). */
    public record KidName(String lastName, String firstName, String middleName) {
    }

    public record Actor(String id, String name) {
    }

    public record Proposal(String id, String status, String statusLabel, String basis, String basisLabel, KidName kid, Person parent,
                           Person child, String createdAt, String decidedAt, Actor decidedBy, String reason, String linkId) {
    }

    public record Proposals(String childId, List<Proposal> items) {
    }

    @GET
    public Response list() {
        return call.answer(staff -> {
            Messages m = call.messages();
            if (childId == null) {
                return new Proposals(null, proposals.open(staff).stream().map(p -> view(p, m)).toList());
            }
            return new Proposals(childId, proposals.ofChild(staff, childId).stream().map(p -> view(p, m)).toList());
        });
    }

    @POST
    @Path("{proposalId}/confirm")
    public Response confirm(@PathParam("proposalId") String proposalId, String body) {
        return call.answer(staff -> {
            String kindCode = Json.text(Json.objectOrEmpty(body), "kind");
            LinkKind kind = kindCode == null ? LinkKind.PARENT
                    : LinkKind.of(kindCode).orElseThrow(() -> Refused.of(400, "invalid_kind", "schoolFamilyInvalidKind"));
            return view(proposals.confirm(staff, required(), proposalId, kind).proposal(), call.messages());
        });
    }

    @POST
    @Path("{proposalId}/dismiss")
    public Response dismiss(@PathParam("proposalId") String proposalId, String body) {
        return call.answer(staff -> view(proposals.dismiss(staff, required(), proposalId, Json.text(Json.object(body), "reason")).proposal(),
                call.messages()));
    }

    private String required() {
        if (childId == null) {
            throw Refused.notFound();
        }
        return childId;
    }

    private Proposal view(ProposalEntry p, Messages m) {
        return new Proposal(p.getId(), p.getStatus(), m.text("schoolProposalStatus." + p.getStatus()), p.getBasis(),
                m.text("schoolProposalBasis." + p.getBasis()), new KidName(p.getKidLastName(), p.getKidFirstName(), p.getKidMiddleName()),
                person(proposals.account(p.getParentId())), person(proposals.account(p.getChildId())),
                Instant.ofEpochMilli(p.getCreatedAt()).toString(), p.getDecidedAt() == null ? null : Instant.ofEpochMilli(p.getDecidedAt()).toString(),
                actor(p.getDecidedBy()), p.getReason(), p.getLinkId());
    }

    private Actor actor(String id) {
        UserModel u = proposals.account(id);
        if (u == null) {
            return id == null ? null : new Actor(id, null);
        }
        String name = SnilsChildren.fullName(u);
        return new Actor(id, name.isEmpty() ? u.getUsername() : name);
    }

    private static Person person(UserModel u) {
        return u == null ? null
                : new Person(u.getId(), u.getUsername(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
    }
}
