package org.schoolesia.school.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapperUtils;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.schoolesia.school.web.AdminTexts;

/**
 * A school claim for relying systems (A-RP), the extension point of this package: a subclass says
 * what the claim holds for a person ({@link #value}); this class does the rest the Keycloak way —
 * the admin console's "Add mapper → By configuration" entry with the claim name and the switches
 * of {@link OIDCAttributeMapperHelper} (access token, ID token, userinfo, introspection, lightweight
 * access token), and Keycloak's {@link AbstractOIDCProtocolMapper} decides per token which apply.
 *
 * <p>What a value needs from the database comes through {@link PersonFacts}, which reads each
 * thing once per request: the ID token, access token and userinfo of one request share it.
 *
 * <p>Another capability adds its claim (the certificate's status, issue 13) by extending this class
 * in its own package and listing the class in {@code META-INF/services/org.keycloak.protocol.ProtocolMapper};
 * this package knows nothing of it.
 */
public abstract class SchoolClaimMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    private final String id;
    private final String displayType;
    private final String helpText;
    private final String defaultClaimName;
    private final List<ProviderConfigProperty> configProperties = new ArrayList<>();

    /**
     * The name and help text are the English ones; the admin console shows its Russian ones
     * ({@code <id>.displayType}, {@code <id>.helpText} in theme-resources' messages_ru) when its
     * language is Russian ({@link AdminTexts}).
     *
     * @param id the provider id ({@code school-…-claim})
     * @param defaultClaimName the claim's documented name (README, «Claims for relying systems»); an admin may rename it
     */
    protected SchoolClaimMapper(String id, String displayType, String helpText, String defaultClaimName) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
        this.defaultClaimName = defaultClaimName;
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(configProperties);
        configProperties.get(configProperties.size() - 1).setDefaultValue(defaultClaimName);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(configProperties, getClass());
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getDisplayType() {
        return AdminTexts.text(id + ".displayType", displayType);
    }

    @Override
    public final String getHelpText() {
        return AdminTexts.text(id + ".helpText", helpText);
    }

    public final String defaultClaimName() {
        return defaultClaimName;
    }

    /**
     * The claim's value for the person, or null to leave the claim out (nothing known). Lists and
     * maps become JSON arrays and objects; an empty list is kept (an explicit "none").
     */
    protected abstract Object value(PersonFacts person);

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return configProperties;
    }

    @Override
    public final String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    protected final void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                                  KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession == null || userSession.getUser() == null) {
            return; // a client's own token (client credentials) names no person
        }
        Object value = value(PersonFacts.of(keycloakSession, userSession.getRealm(), userSession.getUser()));
        if (value == null) {
            return;
        }
        ProtocolMapperModel effective = effective(mappingModel, value instanceof Collection<?>);
        if (value instanceof Collection<?> list && list.isEmpty()) {
            // Keycloak's helper drops empty lists; "no children" is an answer, not a missing claim.
            token.getOtherClaims().put(effective.getConfig().get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME), List.of());
            return;
        }
        OIDCAttributeMapperHelper.mapClaim(token, effective, value);
    }

    /** The admin's settings with the documented claim name where none is set; values are typed already (no JSON type conversion). */
    private ProtocolMapperModel effective(ProtocolMapperModel model, boolean list) {
        Map<String, String> config = new HashMap<>(model.getConfig() == null ? Map.of() : model.getConfig());
        String name = config.get(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME);
        if (name == null || name.isBlank()) {
            config.put(OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME, defaultClaimName);
        }
        config.remove(OIDCAttributeMapperHelper.JSON_TYPE);
        config.put(ProtocolMapperUtils.MULTIVALUED, Boolean.toString(list));
        ProtocolMapperModel copy = new ProtocolMapperModel();
        copy.setId(model.getId());
        copy.setName(model.getName());
        copy.setProtocol(model.getProtocol());
        copy.setProtocolMapper(model.getProtocolMapper());
        copy.setConfig(config);
        return copy;
    }
}
