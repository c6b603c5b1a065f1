package org.schoolesia.school.orgs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DirectoryParserTest {

    static final String HEADER = "alias;name;fullName;type;region;municipality;settlement;timeZone;classes\n";

    @Test
    void r_org_1_csvRowsCarryEveryColumnAndClassesSplitOnBars() {
        List<DirectoryRow> rows = DirectoryParser.parseCsv("\uFEFF" + HEADER
                + "sosh-3-ys;МАОУ СОШ № 3;\"Школа \"\"Гимназия\"\"; № 3\";Общеобразовательная;Сахалинская обл;ГО Южно-Сахалинск;Южно-Сахалинск, г.;Asia/Sakhalin;5А| 5Б |\r\n"
                + "\r\n"
                + "ds-1;Детский сад № 1;МБДОУ № 1;preschool;Сахалинская обл;ГО;Поронайск;Asia/Sakhalin;\n");
        assertEquals(2, rows.size());
        DirectoryRow school = rows.get(0);
        assertEquals(2, school.row());
        assertEquals("Школа \"Гимназия\"; № 3", school.value("fullName"));
        assertEquals("Общеобразовательная", school.value("type"));
        assertEquals(List.of("5А", " 5Б "), school.classes());
        assertNull(school.enabled());
        assertTrue(school.shapeProblems().isEmpty());
        assertEquals(4, rows.get(1).row(), "the blank line still counts as a line");
        assertTrue(rows.get(1).classes().isEmpty());
    }

    @Test
    void csvLineNumbersFollowQuotedLineBreaks() {
        List<DirectoryRow> rows = DirectoryParser.parseCsv(HEADER
                + "a;A;\"two\nlines\";school;r;m;s;Europe/Moscow;\n"
                + "b;B;F;school;r;m;s;Europe/Moscow;\n");
        assertEquals("two\nlines", rows.get(0).value("fullName"));
        assertEquals(4, rows.get(1).row());
    }

    @Test
    void csvColumnsInAnyOrderWithOptionalEnabled() {
        List<DirectoryRow> rows = DirectoryParser.parseCsv("Name;alias;fullName;type;region;municipality;settlement;timeZone;enabled\n"
                + "A;a;F;school;r;m;s;Europe/Moscow;нет\n");
        assertEquals("a", rows.get(0).value("alias"));
        assertEquals("A", rows.get(0).value("name"));
        assertFalse(rows.get(0).enabled());
    }

    @Test
    void csvRowWithWrongFieldCountIsARowProblemNotAFormatError() {
        List<DirectoryRow> rows = DirectoryParser.parseCsv(HEADER + "a;A;F;school\n");
        assertEquals(List.of("expected 9 fields separated by ';', found 4"), rows.get(0).shapeProblems());
    }

    @Test
    void malformedCsvIsRefusedAsAWhole() {
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv(""));
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv(HEADER), "header only");
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv("alias;name;colour\na;b;c\n"));
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv("alias;name\na;b\n"), "required columns missing");
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv(HEADER.replace("\n", ";alias\n") + "a\n"), "column twice");
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv(HEADER + "a;\"open;F;school;r;m;s;Europe/Moscow;\n"));
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseCsv(HEADER + "a;A \"B\";F;school;r;m;s;Europe/Moscow;\n"));
    }

    @Test
    void jsonRowsKeepTheirPositionAndReportWrongTypes() {
        List<DirectoryRow> rows = DirectoryParser.parseJson("""
                [{"alias":"sosh-3","name":"СОШ 3","fullName":"F","type":"school","region":"r","municipality":"m",
                  "settlement":"s","timeZone":"Asia/Sakhalin","classes":["5А","5Б"],"enabled":false},
                 {"alias":7,"classes":"5А","enabled":"yes","colour":"red","region":null},
                 "not an object"]
                """);
        assertEquals(3, rows.size());
        assertEquals(List.of("5А", "5Б"), rows.get(0).classes());
        assertFalse(rows.get(0).enabled());
        assertTrue(rows.get(0).shapeProblems().isEmpty());
        assertEquals(2, rows.get(1).row());
        assertEquals(4, rows.get(1).shapeProblems().size(), rows.get(1).shapeProblems().toString());
        assertEquals(List.of("must be a JSON object"), rows.get(2).shapeProblems());
    }

    @Test
    void malformedJsonIsRefusedAsAWhole() {
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseJson("{\"alias\":\"a\"}"));
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseJson("[{\"alias\":"));
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseJson("[]"));
        assertThrows(DirectoryFormatException.class, () -> DirectoryParser.parseJson(""));
    }
}
