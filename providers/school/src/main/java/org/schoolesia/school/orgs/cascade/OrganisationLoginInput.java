package org.schoolesia.school.orgs.cascade;

import java.util.function.Function;

/** Reading the password login form: only what the person typed or chose. */
public final class OrganisationLoginInput {

    /** Longest alias we accept from the form; Keycloak's aliases are far shorter. */
    static final int MAX_ALIAS_LENGTH = 255;

    private OrganisationLoginInput() {
    }

    /**
     * The chosen organisation's alias, or {@code null} when none is chosen (the page then asks
     * «Выберите образовательную организацию»). An over-long value counts as a choice: it simply
     * names no organisation and fails like a wrong password.
     */
    public static String organisation(Function<String, String> field) {
        String value = field.apply(CascadeLevel.ORGANISATION.field());
        if (value == null || value.isBlank()) {
            return null;
        }
        String alias = value.trim();
        return alias.length() > MAX_ALIAS_LENGTH ? alias.substring(0, MAX_ALIAS_LENGTH) : alias;
    }
}
