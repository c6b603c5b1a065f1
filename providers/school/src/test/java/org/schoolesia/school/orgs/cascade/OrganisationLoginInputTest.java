package org.schoolesia.school.orgs.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** R-ORG-2: the organisation field of the password login form. */
class OrganisationLoginInputTest {

    private static String organisation(String value) {
        Map<String, String> form = new HashMap<>();
        form.put("organization", value);
        return OrganisationLoginInput.organisation(form::get);
    }

    @Test
    void r_org_2_missingChoiceIsReportedAsSuch() {
        assertNull(organisation(null));
        assertNull(organisation(""));
        assertNull(organisation("   "));
    }

    @Test
    void choiceIsTrimmedAndBounded() {
        assertEquals("ddut-ys", organisation(" ddut-ys "));
        assertEquals(OrganisationLoginInput.MAX_ALIAS_LENGTH, organisation("x".repeat(10_000)).length());
    }
}
