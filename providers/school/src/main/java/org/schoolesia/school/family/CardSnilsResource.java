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
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.StaffCall;

/**
 * {@code /realms/{realm}/school/staff/people/{childId}/parent-snils} (R-FAM-3): {@code GET} the
 * parents' SNILS on the pupil's card and what changed; {@code POST {"snils"}} puts one on the card
 * (the parent with that SNILS on a confirmed Госуслуги account gets the child at their next login);
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
            CardSnils.Added added = cards.add(staff, childId, snils == null || !snils.isTextual() ? null : snils.asText());
            return Answers.json(added.created() ? 201 : 200, view(added.entry()));
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

    private Actor actor(String id) {
        return id == null ? null : new Actor(id, cards.displayName(id));
    }
}
