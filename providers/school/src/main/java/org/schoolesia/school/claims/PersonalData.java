package org.schoolesia.school.claims;

import java.util.Map;
import java.util.Optional;

import org.schoolesia.school.kernel.PureRule;

/**
 * 152-FZ minimisation of children's data: the attributes that go to a relying system only when the
 * client is configured to need them — each through its own client scope, never a default one.
 * A protocol mapper "carries" one when it copies that user attribute into a claim (Keycloak's
 * user-attribute mapper, or any mapper configured with {@code user.attribute}).
 */
@PureRule
public enum PersonalData {
    SNILS("snils", "school-snils", "schoolConsentSnils"),
    BIRTHDATE("birthdate", "school-birthdate", "schoolConsentBirthdate");

    private final String attribute;
    private final String scope;
    private final String consentKey;

    PersonalData(String attribute, String scope, String consentKey) {
        this.attribute = attribute;
        this.scope = scope;
        this.consentKey = consentKey;
    }

    /** The user attribute (and claim) name. */
    public String attribute() {
        return attribute;
    }

    /** The optional client scope that carries it. */
    public String scope() {
        return scope;
    }

    /** The consent screen's text: a message key of the login theme (ru, en), as Keycloak resolves {@code ${key}}. */
    public String consentText() {
        return "${" + consentKey + "}";
    }

    /** Which personal datum a mapper with this config copies into tokens, if any. */
    public static Optional<PersonalData> carriedBy(Map<String, String> mapperConfig) {
        String attribute = mapperConfig == null ? null : mapperConfig.get("user.attribute");
        if (attribute == null) {
            return Optional.empty();
        }
        for (PersonalData data : values()) {
            if (data.attribute.equalsIgnoreCase(attribute.strip())) {
                return Optional.of(data);
            }
        }
        return Optional.empty();
    }
}
