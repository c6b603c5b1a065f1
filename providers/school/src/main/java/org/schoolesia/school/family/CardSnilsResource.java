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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.StaffCall;

/**
 * {@code /realms/{realm}/school/staff/people/{childId}/parent-snils} (R-FAM-3): {@code GET} the
 * parents' SNILS on the pupil's card and what changed; {@code POST {"snils"}} puts one on the card
 * (a parent whose confirmed Госуслуги account has that SNILS gets the child at once, the answer's
 * {@code linkedParents}; a parent who has not logged in with it yet, at the next login);
 * {@code DELETE …/{entryId}} takes it off and revokes the links it made. SNILS go out masked.
 */
@Produces(MediaType.APPLICATION_JSON)
public class CardSnilsResource {

    private final StaffCall call;
    private final String childId;
    private final StaffCardSnils cards;

    public CardSnilsResource(KeycloakSession session, StaffCall call, String childId) {
        this.call = call;
        this.childId = childId;
        this.cards = new StaffCardSnils(session, session.getContext().getRealm());
    }

    public record Actor(String id, String name) {
    }

    public record Entry(String id, boolean active, String snilsMasked, String addedAt, Actor addedBy, String removedAt, Actor removedBy,
                        int revokedLinks) {
    }

    /** A parent linked at once by the SNILS just put on the card; {@code shortName} «Иванова М.». */
    public record LinkedParent(String id, String name, String shortName) {
    }

    /** The answer to putting a SNILS on the card: the entry, and the parents it linked at once (R-FAM-3). */
    public record Added(String id, boolean active, String snilsMasked, String addedAt, Actor addedBy, String removedAt, Actor removedBy,
                        int revokedLinks, List<LinkedParent> linkedParents) {
    }

    public record Card(String childId, boolean mayChange, List<Entry> items, List<Entry> history) {
    }

    @GET
    public Response read() {
        return call.answer(staff -> {
            StaffCardSnils.Card card = cards.read(staff, childId);
            return new Card(card.child().getId(), card.mayChange(), card.onCard().stream().map(this::view).toList(),
                    card.history().stream().map(this::view).toList());
        });
    }

    @POST
    public Response add(String body) {
        return call.respond(staff -> {
            JsonNode snils = Json.object(body).get("snils");
            StaffCardSnils.Added added = cards.add(staff, childId, snils == null || !snils.isTextual() ? null : snils.asText());
            Entry e = view(added.added().entry());
            List<LinkedParent> parents = added.linkedParents().stream().map(p -> new LinkedParent(p.getId(), SnilsChildren.fullName(p),
                    shortName(p))).toList();
            return Answers.json(added.added().created() ? 201 : 200, new Added(e.id(), e.active(), e.snilsMasked(), e.addedAt(), e.addedBy(),
                    e.removedAt(), e.removedBy(), e.revokedLinks(), parents));
        });
    }

    @DELETE
    @Path("{entryId}")
    public Response remove(@PathParam("entryId") String entryId) {
        return call.answer(staff -> view(cards.remove(staff, childId, entryId)));
    }

    private Entry view(CardSnilsEntry e) {
        boolean active = e.getRemovedAt() == 0;
        return new Entry(e.getId(), active, e.getSnilsMasked(), Instant.ofEpochMilli(e.getAddedAt()).toString(),
                actor(e.getAddedBy()), active ? null : Instant.ofEpochMilli(e.getRemovedAt()).toString(), actor(e.getRemovedBy()),
                e.getRevokedLinks());
    }

    /** «Иванова М.»: the surname and the first name's initial, as school papers write it. */
    static String shortName(UserModel u) {
        String last = u.getLastName() == null ? "" : u.getLastName().strip();
        String first = u.getFirstName() == null ? "" : u.getFirstName().strip();
        String name = (last + (first.isEmpty() ? "" : " " + first.substring(0, first.offsetByCodePoints(0, 1)) + ".")).strip();
        return name.isEmpty() ? u.getUsername() : name;
    }

    private Actor actor(String id) {
        return id == null ? null : new Actor(id, cards.displayName(id));
    }
}
