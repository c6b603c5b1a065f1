package org.schoolesia.school.family;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Audit of parent–child links: Keycloak user events of type {@code CUSTOM_REQUIRED_ACTION} (Keycloak's
 * type for extensions' own steps) with {@code custom_required_action=school_family_link}, the step in
 * {@code school_family_link} (linked, revoked), on the child's account, with the parent, the link,
 * its kind and source and the staff member. A log line says the same for operators without the event store.
 */
public final class FamilyAudit {

    private static final Logger LOG = Logger.getLogger(FamilyAudit.class);

    public static final String ACTION = "school_family_link";
    public static final String STEP = "school_family_link";
    public static final String LINK = "family_link_id";
    public static final String PARENT = "parent_id";
    public static final String KIND = "link_kind";
    public static final String SOURCE = "link_source";
    public static final String ACTOR = "linked_by";
    public static final String REVOKED_BY = "revoked_by";

    private FamilyAudit() {
    }

    static void linked(KeycloakSession session, RealmModel realm, FamilyLink link, UserModel child) {
        EventBuilder e = base(session, realm, link, child, "linked");
        if (link.createdBy() != null) {
            e.detail(ACTOR, link.createdBy());
        }
        e.success();
    }

    static void revoked(KeycloakSession session, RealmModel realm, FamilyLink link, UserModel child) {
        EventBuilder e = base(session, realm, link, child, "revoked");
        if (link.revokedBy() != null) {
            e.detail(REVOKED_BY, link.revokedBy());
        }
        e.success();
    }

    private static EventBuilder base(KeycloakSession session, RealmModel realm, FamilyLink link, UserModel child, String step) {
        EventBuilder e = session.getContext().getConnection() == null ? new EventBuilder(realm, session)
                : new EventBuilder(realm, session, session.getContext().getConnection());
        LOG.debugf("family link %s %s", link.id(), step);
        return e.event(EventType.CUSTOM_REQUIRED_ACTION).user(child).detail(Details.USERNAME, child.getUsername())
                .detail(Details.CUSTOM_REQUIRED_ACTION, ACTION).detail(STEP, step)
                .detail(LINK, link.id()).detail(PARENT, link.parentId())
                .detail(KIND, link.kind().code()).detail(SOURCE, link.source().code());
    }
}
