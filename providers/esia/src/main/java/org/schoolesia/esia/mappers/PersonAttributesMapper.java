package org.schoolesia.esia.mappers;

import java.util.List;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;

/** What the ESIA attribute mappers share: ESIA providers only, any sync mode, each configured pair written. */
abstract class PersonAttributesMapper extends AbstractIdentityProviderMapper {

    /** The pairs this mapper's settings name; none when they name none usable. */
    abstract List<PersonAttribute> pairs(IdentityProviderMapperModel mapperModel);

    @Override
    public String[] getCompatibleProviders() {
        return new String[] {EsiaIdentityProviderFactory.PROVIDER_ID};
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public String getDisplayCategory() {
        return "Attribute Importer";
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        pairs(mapperModel).forEach(pair -> pair.preprocess(context));
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        pairs(mapperModel).forEach(pair -> pair.update(user, context));
    }
}
