package org.schoolesia.school.login;

import java.util.Arrays;
import java.util.Optional;
import org.schoolesia.school.kernel.PureRule;

/**
 * R-ESIA-1: whether a realm still lets people in with a local password. {@link #ESIA_ONLY} keeps
 * password login for accounts without an ESIA link (children under 14, legacy accounts) and
 * refuses accounts that have one: those go through Госуслуги.
 */
@PureRule
public enum PasswordLoginPolicy {
    ON("on"),
    ESIA_ONLY("esia-only");

    /** Realm attribute (realm JSON, admin REST API); the step's own setting overrides it. */
    public static final String REALM_ATTRIBUTE = "schoolPasswordLogin";
    /** Step setting value meaning "whatever the realm attribute says". */
    public static final String FOLLOW_REALM = "realm";

    private final String value;

    PasswordLoginPolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<PasswordLoginPolicy> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        return Arrays.stream(values()).filter(p -> p.value.equalsIgnoreCase(v)).findFirst();
    }

    /**
     * The step's setting wins when it names a policy; otherwise the realm attribute; otherwise
     * {@link #ON}. A realm attribute that is set but unreadable ("esia_only", "off") means the
     * operator wanted a restriction: it resolves to {@link #ESIA_ONLY}, which still lets every
     * account without ESIA in and sends ESIA-linked accounts to Госуслуги — nobody is locked out.
     */
    public static PasswordLoginPolicy resolve(String stepSetting, String realmAttribute) {
        Optional<PasswordLoginPolicy> step = parse(stepSetting);
        if (step.isPresent()) {
            return step.get();
        }
        if (realmAttribute == null || realmAttribute.isBlank()) {
            return ON;
        }
        return parse(realmAttribute).orElse(ESIA_ONLY);
    }
}
