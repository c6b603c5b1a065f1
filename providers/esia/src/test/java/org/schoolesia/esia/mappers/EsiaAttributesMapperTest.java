package org.schoolesia.esia.mappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.keycloak.models.IdentityProviderMapperModel;
import org.junit.jupiter.api.Test;

/** Issue 14: every ESIA field in one mapper, as the admin console's key/value setting stores them. */
class EsiaAttributesMapperTest {

    private static IdentityProviderMapperModel mapper(String attributes) {
        IdentityProviderMapperModel model = new IdentityProviderMapperModel();
        model.setName("person attributes");
        model.setIdentityProviderMapper(EsiaAttributesMapper.PROVIDER_ID);
        model.setConfig(attributes == null ? Map.of("syncMode", "FORCE") : Map.of("syncMode", "FORCE", EsiaAttributesMapper.ATTRIBUTES, attributes));
        return model;
    }

    @Test
    void everyConfiguredFieldIsWrittenToItsAttribute() {
        List<PersonAttribute> pairs = new EsiaAttributesMapper().pairs(mapper(
                "[{\"key\":\"snils\",\"value\":\"snils\"},{\"key\":\"mobile\",\"value\":\" phoneNumber \"},{\"key\":\"kids\",\"value\":\"esiaKids\"}]"));

        assertEquals(3, pairs.size(), pairs.toString());
        assertTrue(pairs.contains(new PersonAttribute("snils", "snils")));
        assertTrue(pairs.contains(new PersonAttribute("mobile", "phoneNumber")), "attribute names trimmed");
        assertTrue(pairs.contains(new PersonAttribute("kids", "esiaKids")));
    }

    @Test
    void aFieldEsiaDoesNotHaveIsLeftOutRatherThanEmptyingTheAttribute() {
        // A typo must not remove the attribute at every login, as "ESIA no longer reports it" would.
        List<PersonAttribute> pairs = new EsiaAttributesMapper().pairs(mapper(
                "[{\"key\":\"snils \",\"value\":\"snils\"},{\"key\":\"birthdate\",\"value\":\"birthdate\"},{\"key\":\"gender\",\"value\":\"\"}]"));

        assertEquals(List.of(new PersonAttribute("snils", "snils")), pairs, "birthdate is not an ESIA field (birthDate is); no attribute for gender");
    }

    @Test
    void nothingConfiguredOrUnreadableWritesNothing() {
        assertEquals(List.of(), new EsiaAttributesMapper().pairs(mapper(null)));
        assertEquals(List.of(), new EsiaAttributesMapper().pairs(mapper(" ")));
        assertEquals(List.of(), new EsiaAttributesMapper().pairs(mapper("snils=snils")));
    }
}
