package org.schoolesia.school.family;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * R-FAM-3 for staff: the parents' SNILS in «Родители и представители» of a pupil's card. Staff of any
 * organisation of the pupil see them (masked) and what changed; only the pupil's home organisation
 * adds and removes them, as it links and revokes ({@link StaffFamilyLinks}).
 */
public final class StaffCardSnils {

    /** How much of a card's SNILS history is shown: a family has a handful. */
    static final int HISTORY_LIMIT = 50;

    private final RealmModel realm;
    private final StaffFamilyLinks family;
    private final CardSnils cards;
    private final SnilsChildren snilsChildren;

    public StaffCardSnils(KeycloakSession session, RealmModel realm) {
        this.realm = realm;
        this.family = new StaffFamilyLinks(session, realm);
        this.cards = new CardSnils(session);
        this.snilsChildren = new SnilsChildren(session, realm);
    }

    public record Card(UserModel child, boolean mayChange, List<CardSnilsEntry> onCard, List<CardSnilsEntry> history) {
    }

    public Card read(StaffMember staff, String childId) {
        UserModel child = family.child(staff, childId);
        return new Card(child, People.isHome(staff.organisation(), child), cards.onCard(child.getId()),
                cards.history(child.getId(), HISTORY_LIMIT));
    }

    /** A SNILS put on the card, and the parents it linked at once. */
    public record Added(CardSnils.Added added, List<UserModel> linkedParents) {
    }

    /**
     * Puts the SNILS on the card; a parent whose confirmed Госуслуги account has it gets the child now
     * (R-FAM-3), others at their next Госуслуги login.
     */
    public Added add(StaffMember staff, String childId, String typed) {
        UserModel child = family.child(staff, childId);
        family.requireHome(staff, child);
        CardSnilsRule.refusal(typed, child.getFirstAttribute(SchoolAttributes.SNILS)).ifPresent(r -> {
            throw Refused.of(400, r.code(), r.messageKey());
        });
        String digits = CardSnilsRule.digits(typed).orElseThrow();
        CardSnils.Added added = cards.add(realm, child, digits, staff.user().getId());
        return new Added(added, added.created() ? snilsChildren.linkOnCardEdit(child, added.entry(), digits, staff.user().getId()) : List.of());
    }

    public CardSnilsEntry remove(StaffMember staff, String childId, String entryId) {
        UserModel child = family.child(staff, childId);
        family.requireHome(staff, child);
        return cards.remove(realm, child, entryId, staff.user().getId()).orElseThrow(Refused::notFound);
    }

    public String displayName(String userId) {
        return family.displayName(userId);
    }
}
