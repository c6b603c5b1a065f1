package org.schoolesia.school.family;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.schoolesia.school.family.proposals.Proposals;
import org.schoolesia.school.kernel.ModelEventListenerFactory;

/**
 * Keeps parent–child links in line with accounts and realms: a removed account takes its links
 * along (and its proposals), a removed realm all of its links, and a realm import's {@code parentIds} attributes become
 * links ({@link FamilyLinks#adoptImported}). Global, so no realm has to remember to enable it.
 */
public class FamilyLinkListenerFactory extends ModelEventListenerFactory {

    public static final String ID = "school-family-links";

    @Override
    protected void onModelEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            new FamilyLinks(removed.getKeycloakSession()).forgetAccount(removed.getUser().getId());
            new CardSnils(removed.getKeycloakSession()).forgetChild(removed.getUser().getId());
            new Proposals(removed.getKeycloakSession()).forgetAccount(removed.getUser().getId());
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            new FamilyLinks(created.getKeycloakSession()).adoptImported(created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            new FamilyLinks(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
            new CardSnils(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
            new Proposals(removed.getKeycloakSession()).forgetRealm(removed.getRealm().getId());
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
