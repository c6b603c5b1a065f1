package org.schoolesia.esia.mappers;

import java.util.List;
import java.util.Objects;

import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.schoolesia.esia.broker.EsiaIdentityProviderFactory;
import org.schoolesia.esia.broker.EsiaNotes;

/**
 * Copies one fact ESIA reported about the person (SNILS, birth date, confirmed status, …) into a
 * user attribute. The attribute must be declared in the realm's user profile, or Keycloak drops it.
 */
public class EsiaAttributeMapper extends AbstractIdentityProviderMapper {

    public static final String PROVIDER_ID = "esia-person-attribute-mapper";
    public static final String ESIA_FIELD = "esiaField";
    public static final String USER_ATTRIBUTE = "user.attribute";

    /** The fields an admin can pick: the suffixes of {@link EsiaNotes}. */
    static final List<String> FIELDS = List.of("oid", "lastName", "firstName", "middleName", "birthDate", "gender",
            "snils", "trusted", "level", "email", "mobile", "citizenship", "kids", "status");

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(ESIA_FIELD).label("ESIA field")
                .helpText("What ESIA said: birthDate is ISO yyyy-MM-dd, snils 11 digits, trusted true/false (confirmed account), level P/PR/KD, email/mobile only when ESIA marks them verified, kids a JSON array, status ESIA's account status (REGISTERED, DELETED, …).")
                .type(ProviderConfigProperty.LIST_TYPE).options(FIELDS.toArray(String[]::new)).defaultValue("snils").add()
            .property().name(USER_ATTRIBUTE).label("User attribute")
                .helpText("The user-profile attribute to write.")
                .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE).add()
            .build();

    @Override
    public String getId() {
        return PROVIDER_ID;
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
    public String getDisplayType() {
        return "ESIA person attribute";
    }

    @Override
    public String getHelpText() {
        return "Writes a field of the ESIA person (SNILS, birth date, confirmed status, level, …) to a user attribute.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        String attribute = attribute(mapperModel);
        String value = value(mapperModel, context);
        if (attribute != null && value != null) {
            context.setUserAttribute(attribute, value);
        }
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        String attribute = attribute(mapperModel);
        if (attribute == null) {
            return;
        }
        String field = field(mapperModel);
        if ("kids".equals(field) && !"true".equals(String.valueOf(context.getContextData().get(EsiaNotes.KIDS_READ)))) {
            return; // children were not asked for in this login (not a parent's): what the account has stays
        }
        String value = value(mapperModel, context);
        // ESIA is the source of truth for these facts: a value ESIA no longer reports is removed.
        // Nothing is written when nothing changed: every write also evicts the user from Keycloak's cache.
        if (value == null) {
            if (user.getFirstAttribute(attribute) != null) {
                user.removeAttribute(attribute);
            }
        } else if (!Objects.equals(value, user.getFirstAttribute(attribute))) {
            user.setSingleAttribute(attribute, value);
        }
    }

    private static String attribute(IdentityProviderMapperModel mapperModel) {
        String attribute = mapperModel.getConfig().get(USER_ATTRIBUTE);
        return attribute == null || attribute.isBlank() ? null : attribute.trim();
    }

    private static String field(IdentityProviderMapperModel mapperModel) {
        return mapperModel.getConfig().getOrDefault(ESIA_FIELD, "snils");
    }

    private static String value(IdentityProviderMapperModel mapperModel, BrokeredIdentityContext context) {
        Object value = context.getContextData().get(EsiaNotes.PREFIX + field(mapperModel));
        return value == null ? null : value.toString();
    }
}
