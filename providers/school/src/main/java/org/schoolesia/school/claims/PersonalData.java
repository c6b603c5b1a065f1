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
    SNILS("snils", "school-snils", "СНИЛС"),
    BIRTHDATE("birthdate", "school-birthdate", "Дата рождения");

    private final String attribute;
    private final String scope;
    private final String consentText;

    PersonalData(String attribute, String scope, String consentText) {
        this.attribute = attribute;
        this.scope = scope;
        this.consentText = consentText;
    }

    /** The user attribute (and claim) name. */
    public String attribute() {
        return attribute;
    }

    /** The optional client scope that carries it. */
    public String scope() {
        return scope;
    }

    public String consentText() {
        return consentText;
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
