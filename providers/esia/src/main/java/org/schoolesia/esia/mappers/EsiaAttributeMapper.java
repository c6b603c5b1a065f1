package org.schoolesia.esia.mappers;

import java.util.List;

import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Copies one fact ESIA reported about the person (SNILS, birth date, confirmed status, …) into a
 * user attribute. The attribute must be declared in the realm's user profile, or Keycloak drops it.
 * For several facts {@link EsiaAttributesMapper} is cheaper: Keycloak reads each mapper's settings
 * from the database at every login.
 */
public class EsiaAttributeMapper extends PersonAttributesMapper {

    public static final String PROVIDER_ID = "esia-person-attribute-mapper";
    public static final String ESIA_FIELD = "esiaField";
    public static final String USER_ATTRIBUTE = "user.attribute";

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(ESIA_FIELD).label("ESIA field")
                .helpText("What ESIA said: " + PersonAttribute.FIELDS_HELP + ".")
                .type(ProviderConfigProperty.LIST_TYPE).options(PersonAttribute.FIELDS.toArray(String[]::new)).defaultValue("snils").add()
            .property().name(USER_ATTRIBUTE).label("User attribute")
                .helpText("The user-profile attribute to write.")
                .type(ProviderConfigProperty.USER_PROFILE_ATTRIBUTE_LIST_TYPE).add()
            .build();

    public EsiaAttributeMapper() {
        super(PROVIDER_ID, "ESIA person attribute",
                "Writes a field of the ESIA person (SNILS, birth date, confirmed status, level, …) to a user attribute.", CONFIG);
    }

    @Override
    List<PersonAttribute> pairs(IdentityProviderMapperModel mapperModel) {
        String attribute = mapperModel.getConfig().get(USER_ATTRIBUTE);
        return attribute == null || attribute.isBlank() ? List.of()
                : List.of(new PersonAttribute(mapperModel.getConfig().getOrDefault(ESIA_FIELD, "snils"), attribute.trim()));
    }
}
