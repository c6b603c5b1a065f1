package org.schoolesia.school.invitations;

import java.security.SecureRandom;
import java.util.List;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.OrganisationRef;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.kernel.UniqueKeyViolation;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffMember;

/**
 * R-FAM-2 for staff: the staff of a pupil's home organisation (its class teacher, the завуч) issue
 * invitation codes for that one child, see how many are active and withdraw them. The code is
 * answered once and never stored: only its keyed hash. At most {@link InvitationSettings#perChild()}
 * codes are active per child — a slot of the child's is reissued only by a conditional update that
 * finds it used, withdrawn or expired, so two staff members issuing at once cannot exceed it.
 */
public final class StaffInvitations {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final InvitationSettings settings;

    public StaffInvitations(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.settings = InvitationSettings.of(realm::getAttribute);
    }

    /** A code just issued: shown once. */
    public record Issued(String codeId, String code, long expiresAt, UserModel child, OrganizationModel organisation) {
    }

    /** The child's codes as staff may see them: when issued, until when, by whom — never a code. */
    public record Active(int slot, long issuedAt, long expiresAt, String issuedBy) {
    }

    public record Status(UserModel child, boolean mayIssue, int max, List<Active> active) {
    }

    public Status status(StaffMember staff, String childId) {
        UserModel child = pupil(staff, childId);
        long now = System.currentTimeMillis();
        List<Active> active = ofChild(child.getId()).stream().filter(c -> c.getUsedAt() == 0 && c.getExpiresAt() > now)
                .map(c -> new Active(c.getSlot(), c.getIssuedAt(), c.getExpiresAt(), c.getIssuedBy())).toList();
        return new Status(child, People.isHome(staff.organisation(), child), settings.perChild(), active);
    }

    public Issued issue(StaffMember staff, String childId) {
        UserModel child = pupil(staff, childId);
        requireHome(staff, child);
        String code = InvitationCode.generate(RANDOM);
        String hash = new CodeHasher(session, realm).hashForIssue(code);
        long now = System.currentTimeMillis();
        long expiresAt = now + settings.validity().toMillis();
        String staffId = staff.user().getId();
        String orgId = staff.organisation().getId();
        EntityManager em = em();
        List<InvitationCodeEntry> rows = ofChild(child.getId());
        for (int slot = 1; slot <= settings.perChild(); slot++) {
            final int s = slot;
            InvitationCodeEntry row = rows.stream().filter(r -> r.getSlot() == s).findFirst().orElse(null);
            String id;
            if (row == null) {
                id = KeycloakModelUtils.generateId();
                try {
                    em.persist(new InvitationCodeEntry(id, realm.getId(), hash, child.getId(), slot, orgId, staffId, now, expiresAt));
                    em.flush();
                } catch (RuntimeException e) {
                    if (UniqueKeyViolation.isCause(e)) {
                        // A colleague issued for this child at this very moment: asked again, the next free slot is found.
                        throw Refused.of(409, "invitation_busy", "schoolInvitationBusy");
                    }
                    throw e;
                }
            } else if (em.createNamedQuery("InvitationCodeEntry.reissue").setParameter("hash", hash).setParameter("orgId", orgId)
                    .setParameter("issuedBy", staffId).setParameter("now", now).setParameter("expiresAt", expiresAt)
                    .setParameter("childId", child.getId()).setParameter("slot", slot).executeUpdate() == 1) {
                id = row.getId();
            } else {
                continue; // this slot's code is still active
            }
            InvitationAudit.issued(session, realm, child, id, staffId, expiresAt);
            return new Issued(id, InvitationCode.grouped(code), expiresAt, child, staff.organisation());
        }
        throw Refused.of(409, "too_many_codes", "schoolInvitationTooMany", String.valueOf(settings.perChild()));
    }

    /** «Отозвать коды»: every active code of the child stops working at once; the number withdrawn. */
    public int withdraw(StaffMember staff, String childId) {
        UserModel child = pupil(staff, childId);
        requireHome(staff, child);
        int count = em().createNamedQuery("InvitationCodeEntry.withdrawOfChild").setParameter("childId", child.getId())
                .setParameter("now", System.currentTimeMillis()).executeUpdate();
        if (count > 0) {
            InvitationAudit.withdrawn(session, realm, child, count, staff.user().getId());
        }
        return count;
    }

    public String displayName(String userId) {
        UserModel u = userId == null ? null : session.users().getUserById(realm, userId);
        if (u == null) {
            return null;
        }
        String name = java.util.stream.Stream.of(u.getLastName(), u.getFirstName(), u.getFirstAttribute(SchoolAttributes.MIDDLE_NAME))
                .filter(x -> x != null && !x.isBlank()).collect(java.util.stream.Collectors.joining(" "));
        return name.isEmpty() ? u.getUsername() : name;
    }

    // ---------------------------------------------------------------------------------------------

    private List<InvitationCodeEntry> ofChild(String childId) {
        return em().createNamedQuery("InvitationCodeEntry.ofChild", InvitationCodeEntry.class).setParameter("childId", childId).getResultList();
    }

    /** A pupil of the caller's organisation; anyone else looks absent (security rule 4). */
    private UserModel pupil(StaffMember staff, String childId) {
        UserModel u = childId == null ? null : session.users().getUserById(realm, childId);
        if (u == null || !People.isPerson(u) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), u)) {
            throw Refused.notFound();
        }
        if (!People.hasRole(u, SchoolRole.STUDENT)) {
            throw Refused.of(400, "not_a_child", "schoolInvitationNotAChild");
        }
        return u;
    }

    /** R-FAM-2: the child's own school issues its codes; other organisations are told which one. */
    private void requireHome(StaffMember staff, UserModel child) {
        if (People.isHome(staff.organisation(), child)) {
            return;
        }
        String home = child.getFirstAttribute(SchoolAttributes.HOME_ORGANISATION);
        OrganizationModel org = home == null ? null : session.getProvider(OrganizationProvider.class).getByAlias(home);
        throw Refused.of(403, "not_home_organization", "schoolInvitationNotHomeOrganization", org == null ? String.valueOf(home) : org.getName())
                .with("homeOrganization", OrganisationRef.of(org, home));
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
