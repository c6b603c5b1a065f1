package org.schoolesia.school.family.proposals;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.family.LinkKind;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * Proposals for staff (issue 12): only staff of the pupil's home organisation see and decide them —
 * it keeps the pupil's family (R-FAM-1). For anyone else the pupil's proposals, an unknown pupil and
 * a proposal of another pupil all look absent (404), so nobody learns which parent's Госуслуги lists
 * which child.
 */
public final class StaffProposals {

    /** How long a dismissal's reason may be. */
    static final int MAX_REASON = 500;
    /** How many open proposals of an organisation are listed at once. */
    static final int MAX_OPEN = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Proposals proposals;

    public StaffProposals(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.proposals = new Proposals(session);
    }

    public List<ProposalEntry> ofChild(StaffMember staff, String childId) {
        return proposals.ofChild(child(staff, childId).getId());
    }

    /** The organisation's open proposals, for the console's list. */
    public List<ProposalEntry> open(StaffMember staff) {
        return proposals.openOf(staff.organisation(), MAX_OPEN).stream()
                .filter(p -> account(p.getChildId()) != null && People.isHome(staff.organisation(), account(p.getChildId()))).toList();
    }

    /** «Подтвердить»: the pair is linked by the staff member; confirming a confirmed one changes nothing. */
    public Proposals.Decided confirm(StaffMember staff, String childId, String proposalId, LinkKind kind) {
        UserModel child = child(staff, childId);
        ProposalEntry p = proposal(child, proposalId);
        UserModel parent = account(p.getParentId());
        if (parent == null || !People.hasRole(parent, SchoolRole.PARENT)) {
            throw Refused.notFound();
        }
        Proposals.Decided decided = requireOpenOr(p, ProposalStatus.CONFIRMED)
                ? proposals.confirm(realm, p, parent, child, kind, staff.user().getId()) : new Proposals.Decided(p, false);
        return requireStatus(decided, ProposalStatus.CONFIRMED);
    }

    /** «Отклонить» with a reason: nothing is linked; the parent's page stops showing the child. */
    public Proposals.Decided dismiss(StaffMember staff, String childId, String proposalId, String reason) {
        UserModel child = child(staff, childId);
        ProposalEntry p = proposal(child, proposalId);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw Refused.of(400, "reason_required", "schoolProposalReasonRequired", MAX_REASON).with("field", "reason");
        }
        Proposals.Decided decided = requireOpenOr(p, ProposalStatus.DISMISSED)
                ? proposals.dismiss(realm, p, child, staff.user().getId(), why) : new Proposals.Decided(p, false);
        return requireStatus(decided, ProposalStatus.DISMISSED);
    }

    public UserModel account(String id) {
        return id == null ? null : session.users().getUserById(realm, id);
    }

    // ---------------------------------------------------------------------------------------------

    /** Open: decide it now. Already so decided: nothing to do. Decided otherwise: 409. */
    private static boolean requireOpenOr(ProposalEntry p, ProposalStatus wanted) {
        if (ProposalStatus.PROPOSED.code().equals(p.getStatus())) {
            return true;
        }
        requireStatus(new Proposals.Decided(p, false), wanted);
        return false;
    }

    /** Two staff members deciding at once: the loser learns what the winner decided. */
    private static Proposals.Decided requireStatus(Proposals.Decided d, ProposalStatus wanted) {
        if (!wanted.code().equals(d.proposal().getStatus())) {
            throw Refused.of(409, "proposal_decided", "schoolProposalDecided").with("status", d.proposal().getStatus());
        }
        return d;
    }

    /** A pupil whose home organisation is the caller's; anyone else looks absent. */
    private UserModel child(StaffMember staff, String childId) {
        UserModel child = account(childId == null ? null : childId.strip());
        if (child == null || !People.hasRole(child, SchoolRole.STUDENT) || !People.isHome(staff.organisation(), child)) {
            throw Refused.notFound();
        }
        return child;
    }

    private ProposalEntry proposal(UserModel child, String proposalId) {
        return proposals.find(proposalId).filter(p -> p.getChildId().equals(child.getId()) && p.getRealmId().equals(realm.getId()))
                .orElseThrow(Refused::notFound);
    }
}
