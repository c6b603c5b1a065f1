package org.schoolesia.esia.mappers;

import java.util.List;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;

/** What the ESIA attribute mappers share: ESIA providers only, any sync mode, each configured pair written. */
abstract class PersonAttributesMapper extends AbstractIdentityProviderMapper {

    private final String id;
    private final String displayType;
    private final String helpText;
    private final List<ProviderConfigProperty> settings;

    PersonAttributesMapper(String id, String displayType, String helpText, List<ProviderConfigProperty> settings) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
        this.settings = settings;
    }

    /** The pairs this mapper's settings name; none when they name none usable. */
    abstract List<PersonAttribute> pairs(IdentityProviderMapperModel mapperModel);

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDisplayType() {
        return displayType;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return settings;
    }

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
