package org.schoolesia.school.flow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.services.managers.ClientManager;
import org.schoolesia.school.link.RoleChoiceStepFactory;
import org.schoolesia.school.personal.PersonalCall;

/**
 * Issue 11: the person's own page logs in with the public client {@value #CLIENT_ID} (PKCE, its
 * tokens carry the audience {@link PersonalCall#AUDIENCE}). A school realm made before this
 * version has no such client; this creates it once at server start in every realm whose flows
 * hold the school's ESIA steps, as {@code realm-config/generate-demo-realm.py} defines it. An
 * existing client of that id (an admin's own) is left alone.
 */
final class PersonalClientUpgrade {

    static final String CLIENT_ID = "school-personal";
    private static final Logger LOG = Logger.getLogger(PersonalClientUpgrade.class);

    private PersonalClientUpgrade() {
    }

    /** @return true when the client was created */
    static boolean upgrade(KeycloakSession session, RealmModel realm) {
        if (realm.getClientByClientId(CLIENT_ID) != null || !isSchoolRealm(realm)) {
            return false;
        }
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            ClientManager.createClient(session, realm, client(realm.getName()));
        } finally {
            session.getContext().setRealm(previous);
        }
        LOG.infof("realm %s: client %s created for the personal page /realms/%s/school/personal/", realm.getName(), CLIENT_ID,
                realm.getName());
        return true;
    }

    private static boolean isSchoolRealm(RealmModel realm) {
        return realm.getAuthenticationFlowsStream()
                .flatMap(f -> realm.getAuthenticationExecutionsStream(f.getId()))
                .anyMatch(e -> Objects.equals(RoleChoiceStepFactory.ID, e.getAuthenticator()));
    }

    static ClientRepresentation client(String realmName) {
        String page = "/realms/" + realmName + "/school/personal/";
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setName("Персональные настройки");
        client.setEnabled(true);
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(page);
        // Listed under the account console's «Приложения» with its link, for every person.
        client.setAlwaysDisplayInConsole(true);
        client.setRedirectUris(List.of(page + "*"));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("personal api audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.custom.audience", PersonalCall.AUDIENCE, "access.token.claim", "true",
                "id.token.claim", "false", "introspection.token.claim", "true"));
        client.setProtocolMappers(List.of(audience));
        return client;
    }
}
