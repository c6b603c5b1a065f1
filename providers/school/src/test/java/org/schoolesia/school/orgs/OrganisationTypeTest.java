package org.schoolesia.school.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class OrganisationTypeTest {

    @Test
    void r_org_1_typeByCodeOrRussianLabel() {
        assertEquals(Optional.of(OrganisationType.SUPPLEMENTARY), OrganisationType.of("Дополнительное образование детей"));
        assertEquals(Optional.of(OrganisationType.PRESCHOOL), OrganisationType.of(" preschool "));
        assertEquals(Optional.of(OrganisationType.SCHOOL), OrganisationType.of("общеобразовательная"));
        assertTrue(OrganisationType.of("гимназия").isEmpty());
        assertTrue(OrganisationType.describeAll().contains("authority («Управление образованием»)"));
    }
}
