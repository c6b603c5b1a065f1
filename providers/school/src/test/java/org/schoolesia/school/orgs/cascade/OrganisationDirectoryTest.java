package org.schoolesia.school.orgs.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** R-ORG-2: the cascade Регион → Муниципалитет → Населённый пункт → Тип ОО → Организация. */
class OrganisationDirectoryTest {

    private static final String REGION = "Сахалинская обл";
    private static final String YS = "Городской округ Южно-Сахалинск";
    private static final String YS_CITY = "Южно-Сахалинск, г.";
    private static final String KS = "Корсаковский городской округ";
    private static final String KS_CITY = "Корсаков, г.";

    /** The demo region: three organisations in Южно-Сахалинск, one in Корсаков. */
    static OrganisationDirectory demo() {
        return OrganisationDirectory.of(List.of(
                new OrganisationEntry("sosh-1-ys", "МАОУ СОШ № 1 г. Южно-Сахалинска", REGION, YS, YS_CITY, "school"),
                new OrganisationEntry("ds-15-ys", "МБДОУ Детский сад № 15 г. Южно-Сахалинска", REGION, YS, YS_CITY, "preschool"),
                new OrganisationEntry("ddut-ys", "МАУДО ДДЮТ г.Южно-Сахалинск", REGION, YS, YS_CITY, "Дополнительное образование детей"),
                new OrganisationEntry("sosh-2-korsakov", "МАОУ СОШ № 2 г. Корсакова", REGION, KS, KS_CITY, "school")));
    }

    private static CascadeSelection chosen(Map<String, String> fields) {
        return CascadeSelection.from(fields::get);
    }

    @Test
    void r_org_2_levelsOfferWhatTheOrganisationsAboveHave() {
        OrganisationDirectory d = demo();
        assertEquals(List.of(REGION), d.options(CascadeLevel.REGION, CascadeSelection.NONE));
        assertEquals(List.of(YS, KS), d.options(CascadeLevel.MUNICIPALITY, CascadeSelection.NONE));
        CascadeSelection ys = chosen(Map.of("schoolRegion", REGION, "schoolMunicipality", YS));
        assertEquals(List.of(YS_CITY), d.options(CascadeLevel.SETTLEMENT, ys));
        // Types in the directory's order, the label given by an import stored as its code.
        assertEquals(List.of("preschool", "school", "supplementary"), d.options(CascadeLevel.TYPE, ys));
        assertEquals(List.of("ddut-ys"), d.options(CascadeLevel.ORGANISATION, ys.with(CascadeLevel.TYPE, "supplementary")));
    }

    @Test
    void r_org_2_anOpenLevelDoesNotFilterSoWithoutScriptEveryOrganisationIsListed() {
        OrganisationDirectory d = demo();
        assertEquals(4, d.organisations(CascadeSelection.NONE).size());
        assertEquals(List.of("sosh-1-ys", "sosh-2-korsakov"),
                d.options(CascadeLevel.ORGANISATION, chosen(Map.of("schoolType", "school"))));
    }

    @Test
    void r_org_2_aLevelWithOneOptionIsChosenAutomatically() {
        CascadeSelection resolved = demo().resolve(CascadeSelection.NONE);
        assertEquals(REGION, resolved.get(CascadeLevel.REGION));
        assertFalse(resolved.isChosen(CascadeLevel.MUNICIPALITY));
        assertFalse(resolved.isChosen(CascadeLevel.ORGANISATION));

        // Корсаков has one settlement, one type, one school: choosing the district decides all.
        CascadeSelection korsakov = demo().resolve(chosen(Map.of("schoolMunicipality", KS)));
        assertEquals(KS_CITY, korsakov.get(CascadeLevel.SETTLEMENT));
        assertEquals("school", korsakov.get(CascadeLevel.TYPE));
        assertEquals("sosh-2-korsakov", korsakov.organisation());
    }

    @Test
    void r_odo_2_rememberedOrganisationFillsEveryLevel() {
        CascadeSelection resolved = demo().resolve(CascadeSelection.NONE.with(CascadeLevel.ORGANISATION, "ddut-ys"));
        assertEquals(REGION, resolved.get(CascadeLevel.REGION));
        assertEquals(YS, resolved.get(CascadeLevel.MUNICIPALITY));
        assertEquals(YS_CITY, resolved.get(CascadeLevel.SETTLEMENT));
        assertEquals("supplementary", resolved.get(CascadeLevel.TYPE));
        assertEquals("ddut-ys", resolved.organisation());
    }

    @Test
    void anOrganisationThatContradictsTheLevelsAboveIsDropped() {
        CascadeSelection resolved = demo().resolve(chosen(Map.of("schoolMunicipality", YS, "schoolType", "preschool",
                "organization", "sosh-2-korsakov")));
        // Only one preschool in Южно-Сахалинск: that one is chosen instead.
        assertEquals("ds-15-ys", resolved.organisation());
        CascadeSelection open = demo().resolve(chosen(Map.of("schoolMunicipality", YS, "organization", "sosh-2-korsakov")));
        assertFalse(open.isChosen(CascadeLevel.TYPE));
        assertFalse(open.isChosen(CascadeLevel.ORGANISATION));
        assertEquals(YS_CITY, open.get(CascadeLevel.SETTLEMENT));
    }

    @Test
    void unknownOrStaleChoicesAreIgnored() {
        CascadeSelection resolved = demo().resolve(chosen(Map.of("schoolRegion", "Камчатский край", "organization", "gone")));
        assertEquals(REGION, resolved.get(CascadeLevel.REGION));
        assertFalse(resolved.isChosen(CascadeLevel.ORGANISATION));
    }

    @Test
    void organisationsTheCascadeCannotPlaceAreLeftOut() {
        OrganisationDirectory d = OrganisationDirectory.of(List.of(
                new OrganisationEntry("a", "A", REGION, YS, YS_CITY, "school"),
                new OrganisationEntry("no-type", "B", REGION, YS, YS_CITY, null),
                new OrganisationEntry("no-place", "C", REGION, null, YS_CITY, "school"),
                new OrganisationEntry("a", "duplicate alias", REGION, YS, YS_CITY, "school")));
        assertEquals(1, d.entries().size());
        assertTrue(d.find("a").isPresent());
        assertEquals("A", d.find(" a ").get().name());
    }

    @Test
    void directoryJsonIsSafeInsideAScriptElement() throws Exception {
        OrganisationDirectory d = OrganisationDirectory.of(List.of(
                new OrganisationEntry("x", "Школа </script><b>", REGION, YS, YS_CITY, "school")));
        String json = d.toJson();
        assertFalse(json.contains("<"), json);
        JsonNode parsed = new ObjectMapper().readTree(json);
        assertEquals("Школа </script><b>", parsed.get("orgs").get(0).get("n").asText());
        assertEquals(List.of(REGION, YS, YS_CITY, "school"),
                List.of(parsed.get("orgs").get(0).get("v").get(0).asText(), parsed.get("orgs").get(0).get("v").get(1).asText(),
                        parsed.get("orgs").get(0).get("v").get(2).asText(), parsed.get("orgs").get(0).get("v").get(3).asText()));
    }

    @Test
    void viewRendersEachSelectWithItsChoice() {
        OrganisationDirectory d = demo();
        OrganisationCascadeView view = new OrganisationCascadeView(d, d.resolve(CascadeSelection.NONE.with(CascadeLevel.ORGANISATION, "ddut-ys")));
        assertEquals(List.of("schoolRegion", "schoolMunicipality", "schoolSettlement", "schoolType", "organization"),
                view.getLevels().stream().map(OrganisationCascadeView.Level::getField).toList());
        assertEquals("ddut-ys", view.getSelectedOrganisation());
        OrganisationCascadeView.Level org = view.getLevels().get(4);
        assertEquals("organisation", org.getName());
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", org.getOptions().get(0).getLabel());
        assertEquals(List.of("preschool", "school", "supplementary"), view.getTypeCodes());
    }
}
