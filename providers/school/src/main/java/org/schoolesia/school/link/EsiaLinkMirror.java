package org.schoolesia.school.link;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Keycloak's own ways of changing an account's ESIA link reach our table too, so they stick: a realm
 * admin linking or unlinking in the admin console (Users → Identity provider links) or admin API,
 * and a person removing the link in the account console. Without this, the next ESIA login would
 * silently put back what the admin removed, or drop what the admin added.
 */
public final class EsiaLinkMirror {

    private static final Logger LOG = Logger.getLogger(EsiaLinkMirror.class);

    private EsiaLinkMirror() {
    }

    static boolean isEsia(KeycloakSession session, RealmModel realm, String alias) {
        return alias != null && new EsiaLinks(session).esiaAliases(realm).contains(alias);
    }

    public static void adminChanged(KeycloakSession session, AdminEvent event, String userId, String alias) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || !isEsia(session, realm, alias)) {
            return;
        }
        EsiaLinks links = new EsiaLinks(session);
        String actor = event.getAuthDetails() == null ? null : event.getAuthDetails().getUserId();
        if (event.getOperationType() == OperationType.DELETE) {
            unlinked(session, realm, userId, actor, true);
            LOG.infof("account %s unlinked from ESIA by realm admin %s", userId, actor);
            return;
        }
        if (event.getOperationType() != OperationType.CREATE) {
            return;
        }
        UserModel user = session.users().getUserById(realm, userId);
        FederatedIdentityModel link = user == null ? null : session.users().getFederatedIdentity(realm, user, alias);
        if (link == null) {
            return;
        }
        EsiaLinks.Outcome outcome = links.link(realm, user, link.getUserId(), LinkMethod.ADMIN, actor);
        if (outcome == EsiaLinks.Outcome.LINKED_ELSEWHERE) {
            LOG.warnf("realm admin %s linked account %s to ESIA person %s, but the account is linked to another ESIA person:"
                    + " unlink it first; the next ESIA login follows the existing link", actor, userId, link.getUserId());
        } else {
            LOG.infof("account %s linked to ESIA person %s by realm admin %s", userId, link.getUserId(), actor);
        }
    }

    /** The account console's "unlink" (our own unlink events carry school_link and are already done). */
    public static void userUnlinked(KeycloakSession session, Event event) {
        if (event.getUserId() == null || event.getDetails() == null || event.getDetails().containsKey(LinkAudit.SCHOOL_LINK)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm != null && isEsia(session, realm, event.getDetails().get(Details.IDENTITY_PROVIDER))) {
            // The person stays in the account console they unlinked from; their offline sessions end.
            unlinked(session, realm, event.getUserId(), event.getUserId(), false);
            LOG.infof("account %s removed its ESIA link in the account console", event.getUserId());
        }
    }

    /** Defect 5: an unlink in Keycloak's consoles sticks like ours: remembered, sessions ended. */
    private static void unlinked(KeycloakSession session, RealmModel realm, String userId, String actorId, boolean allSessions) {
        EsiaLinks.Link removed = new EsiaLinks(session).forget(userId).orElse(null);
        UserModel user = session.users().getUserById(realm, userId);
        if (removed == null || removed.pending() || user == null) {
            return;
        }
        EsiaUnlinks unlinks = new EsiaUnlinks(session);
        unlinks.remember(realm, userId, removed.esiaOid(), actorId);
        if (allSessions) {
            unlinks.endAllSessions(realm, user);
        } else {
            unlinks.endOfflineSessions(realm, user);
        }
    }
}
