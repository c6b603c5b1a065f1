package org.schoolesia.school.family;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.family.proposals.ProposalResource;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Messages;
import org.schoolesia.school.web.Paging;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;

/**
 * {@code /realms/{realm}/school/staff/people/{id}/family-links} (R-FAM-1, R-ODO-4): {@code GET} the
 * person's parent–child links (a pupil's parents, a parent's children), active first, then the
 * revoked ones; {@code POST {"parentId","kind"}} links a parent to the pupil; {@code DELETE
 * …/{linkId}} revokes. Authenticated by the root's locator ({@link StaffCall}).
 */
@Produces(MediaType.APPLICATION_JSON)
public class FamilyLinkResource {

    private final KeycloakSession session;
    private final StaffCall call;
    private final String personId;
    private final StaffFamilyLinks family;

    public FamilyLinkResource(KeycloakSession session, StaffCall call, String personId) {
        this.session = session;
        this.call = call;
        this.personId = personId;
        this.family = new StaffFamilyLinks(session, session.getContext().getRealm());
    }

    public record Person(String id, String username, String lastName, String firstName, String middleName) {
        static Person of(UserModel u) {
            return u == null ? null
                    : new Person(u.getId(), u.getUsername(), u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME));
        }
    }

    public record Actor(String id, String name) {
    }

    public record Link(String id, boolean active, String kind, String kindLabel, String source, String sourceLabel, Person parent,
                       Person child, String createdAt, Actor createdBy, String revokedAt, Actor revokedBy) {
    }

    public record Links(String personId, String side, boolean mayChange, long total, int first, int max, List<Link> items) {
    }

    @GET
    public Response list(@QueryParam("first") String first, @QueryParam("max") String max) {
        return call.answer(staff -> {
            Paging paging = Paging.of(first, max);
            StaffFamilyLinks.Page page = family.list(staff, personId, paging);
            Messages m = call.messages();
            return new Links(page.person().getId(), page.asChild() ? "child" : "parent", page.mayChange(), page.total(), paging.first(),
                    paging.max(), page.items().stream().map(l -> view(l, m)).toList());
        });
    }

    @POST
    public Response create(String body) {
        return call.respond(staff -> {
            JsonNode json = Json.object(body);
            String kindCode = json.hasNonNull("kind") ? json.get("kind").asText() : LinkKind.PARENT.code();
            LinkKind kind = LinkKind.of(kindCode).orElseThrow(() -> Refused.of(400, "invalid_kind", "schoolFamilyInvalidKind"));
            JsonNode parent = json.get("parentId");
            if (parent == null || !parent.isTextual() || parent.asText().isBlank()) {
                throw Refused.of(400, "parent_required", "schoolFamilyParentRequired");
            }
            FamilyLinks.Made made = family.link(staff, personId, parent.asText(), kind);
            return Answers.json(made.created() ? 201 : 200, view(made.link(), call.messages()));
        });
    }

    @DELETE
    @Path("{linkId}")
    public Response revoke(@PathParam("linkId") String linkId) {
        return call.answer(staff -> view(family.revoke(staff, personId, linkId).link(), call.messages()));
    }

    /** Issue 12: the pupil's proposals from parents' Госуслуги children, for the home organisation's staff. */
    @Path("proposals")
    public ProposalResource proposals() {
        return new ProposalResource(session, call, personId);
    }

    private Link view(FamilyLink l, Messages m) {
        return new Link(l.id(), l.active(), l.kind().code(), m.text("schoolFamilyKind." + l.kind().code()), l.source().code(),
                m.text("schoolFamilySource." + l.source().code()),
                Person.of(family.account(l.parentId()).orElse(null)), Person.of(family.account(l.childId()).orElse(null)),
                instant(l.createdAt()), actor(l.createdBy()), instant(l.revokedAt()), actor(l.revokedBy()));
    }

    private Actor actor(String id) {
        return id == null ? null : new Actor(id, family.displayName(id));
    }

    private static String instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
