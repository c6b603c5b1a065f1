package org.schoolesia.esia.mappers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Copies several facts ESIA reported about the person into user attributes, as many
 * {@link EsiaAttributeMapper}s would, in one mapper: Keycloak 26 reads every mapper's settings
 * from the database at every login through the provider (one query each), so eight one-field
 * mappers cost a returning login eight queries more than stock Keycloak's two (issue 14).
 */
public class EsiaAttributesMapper extends PersonAttributesMapper {

    public static final String PROVIDER_ID = "esia-person-attributes-mapper";
    /** ESIA field → user attribute, as Keycloak's key/value setting stores it. */
    public static final String ATTRIBUTES = "esiaAttributes";

    private static final Logger LOG = Logger.getLogger(EsiaAttributesMapper.class);

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(ATTRIBUTES).label("ESIA fields and user attributes")
                .helpText("Key: the ESIA field (" + String.join(", ", PersonAttribute.FIELDS) + "); value: the user-profile attribute"
                        + " it is written to. " + PersonAttribute.FIELDS_HELP + ". A field ESIA no longer reports is removed from the account.")
                .type(ProviderConfigProperty.MAP_TYPE).add()
            .build();

    public EsiaAttributesMapper() {
        super(PROVIDER_ID, "ESIA person attributes",
                "Writes fields of the ESIA person (SNILS, birth date, confirmed status, level, children, …) to user attributes, all in one mapper.",
                CONFIG);
    }

    /** The configured pairs; a field ESIA does not have is left out and logged, never written as "no value". */
    @Override
    List<PersonAttribute> pairs(IdentityProviderMapperModel mapperModel) {
        List<PersonAttribute> pairs = new ArrayList<>();
        String text = mapperModel.getConfig() == null ? null : mapperModel.getConfig().get(ATTRIBUTES);
        if (text == null || text.isBlank()) {
            return pairs;
        }
        Map<String, List<String>> map;
        try {
            map = mapperModel.getConfigMap(ATTRIBUTES);
        } catch (RuntimeException e) {
            LOG.warnf("ESIA mapper '%s': its fields and attributes are not a key/value list: nothing written", mapperModel.getName());
            return pairs;
        }
        map.forEach((field, attributes) -> {
            String key = field == null ? "" : field.trim();
            if (!PersonAttribute.FIELDS.contains(key)) {
                LOG.warnf("ESIA mapper '%s': ESIA has no field '%s' (fields: %s): left out", mapperModel.getName(), key, PersonAttribute.FIELDS);
                return;
            }
            for (String attribute : attributes) {
                if (attribute != null && !attribute.isBlank()) {
                    pairs.add(new PersonAttribute(key, attribute.trim()));
                }
            }
        });
        return pairs;
    }
}
