package org.schoolesia.school.link;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Announced, in the linking caller's session and transaction, whenever an account becomes linked
 * to an ESIA person, however it happened (staff by oid or card, password, SNILS, admin, request).
 * Linking knows nothing of what others keep about the person (the direction rule: {@code requests}
 * may use {@code link}, never the reverse); whoever cares listens through
 * {@link org.keycloak.models.KeycloakSessionFactory#register}.
 */
public record EsiaLinkedEvent(KeycloakSession session, RealmModel realm, UserModel account, String esiaOid, LinkMethod method,
                              String actorId) implements ProviderEvent {

    static void publish(KeycloakSession session, RealmModel realm, UserModel account, String esiaOid, LinkMethod method, String actorId) {
        session.getKeycloakSessionFactory().publish(new EsiaLinkedEvent(session, realm, account, esiaOid, method, actorId));
    }
}
