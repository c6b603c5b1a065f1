package org.schoolesia.school.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.ProtocolMapperContainerModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.UserAttributeMapper;

/**
 * 152-FZ minimisation (issue 13): SNILS and birth date reach a relying system only if its client
 * is configured to need them. Each has an optional client scope of its own ({@link PersonalData#scope()},
 * made here where missing); a client that needs one gets the scope assigned (as Default to always
 * receive it, as Optional to receive it when it asks with {@code scope=school-snils}).
 *
 * <p>Once per school realm (recorded in the realm attribute {@value #DONE}, so what an admin sets
 * up afterwards stays): mappers that carry them are taken out of the realm's default client scopes
 * (Keycloak's {@code profile} scope sends {@code birthdate} to every client) and out of clients'
 * own mappers (the demo diary received SNILS in every ID token). A client that lost such a mapper
 * of its own gets the matching scope as Optional, so it can still ask for it; nobody gets it by default.
 */
public final class PersonalDataScopes {

    public static final String DONE = "schoolPersonalDataScopes";
    private static final Logger LOG = Logger.getLogger(PersonalDataScopes.class);

    private PersonalDataScopes() {
    }

    /** @return what was changed, one line each (empty: nothing to do) */
    public static List<String> minimise(RealmModel realm) {
        if (realm.getAttribute(DONE) != null) {
            return List.of();
        }
        List<String> changes = new ArrayList<>();
        for (PersonalData data : PersonalData.values()) {
            ensureScope(realm, data, changes);
        }
        realm.getDefaultClientScopesStream(true).filter(PersonalDataScopes::oidc).toList().forEach(scope -> {
            for (ProtocolMapperModel mapper : carriers(scope)) {
                scope.removeProtocolMapper(mapper);
                changes.add("mapper «" + mapper.getName() + "» removed from default client scope " + scope.getName());
            }
        });
        realm.getClientsStream().filter(PersonalDataScopes::oidc).toList().forEach(client -> {
            for (ProtocolMapperModel mapper : carriers(client)) {
                PersonalData data = PersonalData.carriedBy(mapper.getConfig()).orElseThrow();
                client.removeProtocolMapper(mapper);
                ClientScopeModel scope = scope(realm, data);
                if (!client.getClientScopes(true).containsKey(scope.getName()) && !client.getClientScopes(false).containsKey(scope.getName())) {
                    client.addClientScope(scope, false);
                }
                changes.add("client " + client.getClientId() + ": mapper «" + mapper.getName() + "» removed, scope " + scope.getName()
                        + " assigned as optional");
            }
        });
        realm.setAttribute(DONE, "1");
        if (!changes.isEmpty()) {
            LOG.infof("realm %s: SNILS and birth dates only to clients configured to need them: %s", realm.getName(), String.join("; ", changes));
        }
        return changes;
    }

    private static boolean oidc(ClientScopeModel container) {
        return container.getProtocol() == null || OIDCLoginProtocol.LOGIN_PROTOCOL.equals(container.getProtocol());
    }

    private static List<ProtocolMapperModel> carriers(ProtocolMapperContainerModel container) {
        return container.getProtocolMappersStream().filter(m -> PersonalData.carriedBy(m.getConfig()).isPresent()).toList();
    }

    private static ClientScopeModel scope(RealmModel realm, PersonalData data) {
        return realm.getClientScopesStream().filter(s -> Objects.equals(data.scope(), s.getName())).findFirst().orElseThrow();
    }

    /** The scope with its one mapper, unless a scope of that name exists (an admin's own: left alone). */
    private static void ensureScope(RealmModel realm, PersonalData data, List<String> changes) {
        if (realm.getClientScopesStream().anyMatch(s -> Objects.equals(data.scope(), s.getName()))) {
            return;
        }
        ClientScopeModel scope = realm.addClientScope(data.scope());
        scope.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        scope.setDescription(data.attribute() + " of the person, only for relying systems configured to need it (152-FZ)");
        scope.setDisplayOnConsentScreen(true);
        scope.setConsentScreenText(data.consentText());
        scope.setIncludeInTokenScope(true);
        scope.addProtocolMapper(mapper(data));
        changes.add("client scope " + data.scope() + " created");
    }

    /** Keycloak's user-attribute mapper: the attribute as a claim of the same name, in every token and answer. */
    static ProtocolMapperModel mapper(PersonalData data) {
        ProtocolMapperModel mapper = UserAttributeMapper.createClaimMapper(data.attribute(), data.attribute(), data.attribute(), "String",
                true, true, true, false, false);
        mapper.getConfig().put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        return mapper;
    }
}
