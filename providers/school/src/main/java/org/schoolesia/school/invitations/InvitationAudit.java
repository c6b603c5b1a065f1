package org.schoolesia.school.invitations;

import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Audit of invitation codes, as the family links are audited ({@code family.FamilyAudit}): Keycloak
 * user events {@code CUSTOM_REQUIRED_ACTION} with {@code custom_required_action=school_invitation_code}
 * and the step in {@code school_invitation_code} — {@code issued}, {@code withdrawn} (on the child,
 * {@code issued_by} the staff member), {@code redeemed} (on the child, {@code parent_id}) — and
 * {@code CUSTOM_REQUIRED_ACTION_ERROR} {@code refused} on the parent with the real {@code reason}
 * (unknown, used, expired, other_school, wrong_name, limit), which the parent is never told. Never
 * the code. A refusal's event is written in a transaction of its own: the refused call rolls back.
 */
public final class InvitationAudit {

    private static final Logger LOG = Logger.getLogger(InvitationAudit.class);

    public static final String ACTION = "school_invitation_code";
    public static final String STEP = "school_invitation_code";
    static final String CODE_ID = "invitation_code_id";
    static final String ISSUED_BY = "issued_by";
    static final String PARENT = "parent_id";
    static final String CHILD = "child_id";
    static final String EXPIRES = "expires_at";
    public static final String REASON = "reason";

    private InvitationAudit() {
    }

    static void issued(KeycloakSession session, RealmModel realm, UserModel child, String codeId, String staffId, long expiresAt) {
        base(session, realm, child, "issued").detail(CODE_ID, codeId).detail(ISSUED_BY, staffId)
                .detail(EXPIRES, java.time.Instant.ofEpochMilli(expiresAt).toString()).success();
        LOG.infof("invitation code %s for child %s issued by staff member %s", codeId, child.getId(), staffId);
    }

    static void withdrawn(KeycloakSession session, RealmModel realm, UserModel child, int count, String staffId) {
        base(session, realm, child, "withdrawn").detail(ISSUED_BY, staffId).detail("count", String.valueOf(count)).success();
        LOG.infof("%d invitation code(s) of child %s withdrawn by staff member %s", count, child.getId(), staffId);
    }

    static void redeemed(KeycloakSession session, RealmModel realm, UserModel child, String codeId, UserModel parent) {
        base(session, realm, child, "redeemed").detail(CODE_ID, codeId).detail(PARENT, parent.getId()).success();
        LOG.infof("invitation code %s redeemed: parent %s gets child %s", codeId, parent.getId(), child.getId());
    }

    /** Why a parent's redemption was refused, for the operator only. */
    static void refused(KeycloakSession session, RealmModel realm, UserModel parent, String reason, String codeId, String childId) {
        LOG.infof("invitation code redemption by parent %s refused: %s%s", parent.getId(), reason, codeId == null ? "" : " (code " + codeId + ")");
        ClientConnection connection = session.getContext().getConnection();
        String realmId = realm.getId();
        String parentId = parent.getId();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel r = s.realms().getRealm(realmId);
            if (r == null) {
                return;
            }
            s.getContext().setRealm(r);
            UserModel p = s.users().getUserById(r, parentId);
            if (p == null) {
                return;
            }
            EventBuilder e = connection == null ? new EventBuilder(r, s) : new EventBuilder(r, s, connection);
            e.event(EventType.CUSTOM_REQUIRED_ACTION).user(p).detail(Details.USERNAME, p.getUsername())
                    .detail(Details.CUSTOM_REQUIRED_ACTION, ACTION).detail(STEP, "refused").detail(REASON, reason);
            if (codeId != null) {
                e.detail(CODE_ID, codeId);
            }
            if (childId != null) {
                e.detail(CHILD, childId);
            }
            e.error("invitation_refused");
        });
    }

    private static EventBuilder base(KeycloakSession session, RealmModel realm, UserModel child, String step) {
        EventBuilder e = session.getContext().getConnection() == null ? new EventBuilder(realm, session)
                : new EventBuilder(realm, session, session.getContext().getConnection());
        return e.event(EventType.CUSTOM_REQUIRED_ACTION).user(child).detail(Details.USERNAME, child.getUsername())
                .detail(Details.CUSTOM_REQUIRED_ACTION, ACTION).detail(STEP, step);
    }
}
