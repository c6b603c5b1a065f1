package org.schoolesia.school.family.proposals;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Audit of proposals, as the family links are audited: Keycloak user events {@code CUSTOM_REQUIRED_ACTION}
 * with {@code custom_required_action=school_family_proposal} and {@code school_family_proposal} =
 * {@code proposed} / {@code confirmed} / {@code dismissed}, on the pupil's account, with the parent, the
 * basis of the match and the staff member. Never a name, SNILS or birth date; the dismissal's reason
 * stays in the table.
 */
final class ProposalAudit {

    static final String ACTION = "school_family_proposal";
    static final String STEP = "school_family_proposal";

    private ProposalAudit() {
    }

    static void proposed(KeycloakSession session, RealmModel realm, ProposalEntry p, UserModel child) {
        base(session, realm, p, child, ProposalStatus.PROPOSED.code()).success();
    }

    static void decided(KeycloakSession session, RealmModel realm, ProposalEntry p, UserModel child) {
        EventBuilder e = base(session, realm, p, child, p.getStatus());
        if (p.getDecidedBy() != null) {
            e.detail("decided_by", p.getDecidedBy());
        }
        if (p.getLinkId() != null) {
            e.detail("family_link_id", p.getLinkId());
        }
        e.success();
    }

    private static EventBuilder base(KeycloakSession session, RealmModel realm, ProposalEntry p, UserModel child, String step) {
        EventBuilder e = session.getContext().getConnection() == null ? new EventBuilder(realm, session)
                : new EventBuilder(realm, session, session.getContext().getConnection());
        return e.event(EventType.CUSTOM_REQUIRED_ACTION).user(child).detail(Details.USERNAME, child.getUsername())
                .detail(Details.CUSTOM_REQUIRED_ACTION, ACTION).detail(STEP, step)
                .detail("proposal_id", p.getId()).detail("parent_id", p.getParentId()).detail("match_basis", p.getBasis());
    }
}
