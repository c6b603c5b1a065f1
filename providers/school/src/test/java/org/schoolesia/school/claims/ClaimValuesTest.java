package org.schoolesia.school.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.schoolesia.school.family.FamilyLinks;

/** What the school claims say, as pure rules: trust level (R-ESIA-4), the children's entries (R-FAM-1), minimised data. */
class ClaimValuesTest {

    @Test
    void r_esia_4_trustLevelFromWhatGosuslugiLastSaid() {
        assertEquals(Optional.of(TrustLevel.CONFIRMED), TrustLevel.of("true", "PR"));
        assertEquals(Optional.of(TrustLevel.CONFIRMED), TrustLevel.of(null, "pr"));
        assertEquals(Optional.of(TrustLevel.UNCONFIRMED), TrustLevel.of("false", "P"));
        assertEquals(Optional.of(TrustLevel.UNCONFIRMED), TrustLevel.of("false", null));
        assertEquals(Optional.of(TrustLevel.CHILD_ACCOUNT), TrustLevel.of("false", "KD"));
        assertEquals(Optional.empty(), TrustLevel.of(null, null), "never through Госуслуги: no claim");
        assertEquals(Optional.empty(), TrustLevel.of(" ", ""));
        assertEquals("child_account", TrustLevel.CHILD_ACCOUNT.code());
    }

    @Test
    void r_fam_1_aChildIsItsIdAndNameAndNothingMore() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", "c1");
        expected.put("family_name", "Иванов");
        expected.put("given_name", "Пётр");
        expected.put("middle_name", "Сергеевич");
        assertEquals(List.of(expected, Map.of("id", "c2", "family_name", "Иванова", "given_name", "Анна")),
                ChildrenClaimMapper.claims(List.of(new FamilyLinks.NamedChild("c1", "Иванов", "Пётр", "Сергеевич"),
                        new FamilyLinks.NamedChild("c2", "Иванова", "Анна", " "))));
        assertEquals(List.of(), ChildrenClaimMapper.claims(List.of()));
    }

    @Test
    void snilsAndBirthDateAreCarriedByMappersThatCopyTheirAttribute() {
        assertEquals(Optional.of(PersonalData.SNILS), PersonalData.carriedBy(Map.of("user.attribute", "snils", "claim.name", "x")));
        assertEquals(Optional.of(PersonalData.BIRTHDATE), PersonalData.carriedBy(Map.of("user.attribute", "birthdate")));
        assertEquals(Optional.empty(), PersonalData.carriedBy(Map.of("user.attribute", "middleName")));
        assertEquals(Optional.empty(), PersonalData.carriedBy(Map.of("claim.name", "snils")));
        assertEquals(Optional.empty(), PersonalData.carriedBy(null));
        assertEquals("school-snils", PersonalData.SNILS.scope());
    }

    @Test
    void everyMapperOffersEveryTokenAndTheLightweightSwitchWithItsDocumentedName() {
        for (SchoolClaimMapper mapper : List.of(new SchoolRoleClaimMapper(), new OrganisationsClaimMapper(), new ChildrenClaimMapper(),
                new Over14ClaimMapper(), new EsiaTrustClaimMapper())) {
            List<String> names = mapper.getConfigProperties().stream().map(p -> p.getName()).toList();
            for (String option : List.of("claim.name", "access.token.claim", "id.token.claim", "userinfo.token.claim",
                    "introspection.token.claim", "lightweight.claim")) {
                assertEquals(true, names.contains(option), mapper.getId() + " lacks " + option + ": " + names);
            }
            assertEquals(mapper.defaultClaimName(), mapper.getConfigProperties().stream().filter(p -> p.getName().equals("claim.name"))
                    .findFirst().orElseThrow().getDefaultValue());
        }
    }
}
