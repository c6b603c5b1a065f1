package org.schoolesia.school.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DirectoryValidatorTest {

    private static DirectoryValidator.Outcome validate(String csvRows) {
        return DirectoryValidator.validate(DirectoryParser.parseCsv(DirectoryParserTest.HEADER + csvRows));
    }

    @Test
    void r_org_1_validRowBecomesAnEntryWithTypeCodeAndTrimmedUniqueClasses() {
        DirectoryValidator.Outcome outcome = validate(
                " sosh-3 ; СОШ № 3 ;Школа № 3;Общеобразовательная;Сахалинская обл;ГО;Корсаков, г.;Asia/Sakhalin;5А| 5А |5Б\n");
        assertTrue(outcome.valid(), outcome.problems().toString());
        OrganisationEntry entry = outcome.entries().get(0);
        assertEquals("sosh-3", entry.alias());
        assertEquals("СОШ № 3", entry.name());
        assertEquals(OrganisationType.SCHOOL, entry.type());
        assertEquals(List.of("5А", "5Б"), entry.classes());
        assertTrue(entry.enabled());
        assertEquals(List.of("school"), entry.attributes().get(OrganisationAttributes.TYPE));
        assertEquals(List.of("Asia/Sakhalin"), entry.attributes().get(OrganisationAttributes.TIME_ZONE));
    }

    @Test
    void everyBadRowIsReportedWithItsLine() {
        DirectoryValidator.Outcome outcome = validate(
                "ok-1;A;F;school;r;m;s;Europe/Moscow;\n"
                        + "Bad Alias;B;F;гимназия;r;m;s;Moscow;\n"
                        + "ok-1;A;F;preschool;r;m;;Europe/Moscow;a/b\n");
        assertEquals(false, outcome.valid());
        Map<Integer, List<String>> byRow = outcome.problems().stream().collect(java.util.stream.Collectors.groupingBy(RowProblem::row,
                java.util.stream.Collectors.mapping(RowProblem::message, java.util.stream.Collectors.toList())));
        assertEquals(List.of(3, 4), byRow.keySet().stream().sorted().toList());
        List<String> row3 = byRow.get(3);
        assertEquals(3, row3.size(), row3.toString());
        assertTrue(row3.get(0).startsWith("alias 'Bad Alias' must be"), row3.toString());
        assertTrue(row3.get(1).startsWith("unknown type 'гимназия'"), row3.toString());
        assertTrue(row3.get(2).startsWith("timeZone 'Moscow' is not an IANA time zone"), row3.toString());
        List<String> row4 = byRow.get(4);
        assertTrue(row4.contains("settlement is required"), row4.toString());
        assertTrue(row4.contains("alias 'ok-1' already used in row 2"), row4.toString());
        assertTrue(row4.contains("name 'A' already used in row 2"), row4.toString());
        assertTrue(row4.contains("class name 'a/b' must not contain '/'"), row4.toString());
    }

    @Test
    void lengthsThatKeycloakCannotStoreAreRefused() {
        String longName = "Ш".repeat(256);
        DirectoryValidator.Outcome outcome = validate("a;A;" + longName + ";school;r;m;s;Europe/Moscow;\n");
        assertEquals(List.of(new RowProblem(2, "fullName is longer than 255 characters")), outcome.problems());
    }

    @Test
    void aliasPattern() {
        for (String ok : List.of("a", "sosh-1-ys", "ds_15.ys", "65-0001")) {
            assertTrue(DirectoryValidator.ALIAS.matcher(ok).matches(), ok);
        }
        for (String bad : List.of("-a", "a-", "Sosh", "шк-1", "a b", "a".repeat(65))) {
            assertTrue(!DirectoryValidator.ALIAS.matcher(bad).matches(), bad);
        }
    }

    @Test
    void shapeProblemsFromTheParserAreReportedToo() {
        DirectoryValidator.Outcome outcome = DirectoryValidator.validate(DirectoryParser.parseJson("[{\"alias\":1}]"));
        assertTrue(outcome.problems().contains(new RowProblem(1, "alias must be text")), outcome.problems().toString());
        assertTrue(outcome.problems().contains(new RowProblem(1, "alias is required")), outcome.problems().toString());
    }
}
