package org.schoolesia.school.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class StudentCsvTest {

    private static final String HEADER = "Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Фамилия родителя;Имя родителя;Отчество родителя;СНИЛС родителя\n";

    private static List<StudentCsv.Row> parse(String text) throws StudentCsv.MalformedCsv {
        return StudentCsv.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static StudentCsv.MalformedCsv malformed(byte[] bytes) {
        return assertThrows(StudentCsv.MalformedCsv.class, () -> StudentCsv.parse(bytes));
    }

    private static StudentCsv.MalformedCsv malformed(String text) {
        return malformed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsRowsWithAndWithoutParent() throws Exception {
        List<StudentCsv.Row> rows = parse("\uFEFF" + HEADER
                + "Кузнецова;Дарья;Андреевна;05.04.2016;Ж;;Кузнецов;Андрей;Викторович;\r\n"
                + "\n"
                + "Ким;Виктор;;2017-01-02;М;123-456-789 64;;;;\n");
        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals("Дарья", rows.get(0).student().firstName());
        assertEquals("Кузнецов", rows.get(0).parent().lastName());
        assertEquals(4, rows.get(1).line());
        assertEquals(true, rows.get(1).student().noMiddleName());
        assertNull(rows.get(1).parent());
    }

    @Test
    void commaDelimiterQuotesAndColumnOrder() throws Exception {
        List<StudentCsv.Row> rows = parse("СНИЛС,Фамилия,Имя,Отчество,Дата рождения,Пол\n"
                + ",\"Римская-Корсакова\",\"Анна \"\"Аня\"\"\",Петровна,01.02.2015,Ж\n");
        assertEquals("Римская-Корсакова", rows.get(0).student().lastName());
        assertEquals("Анна \"Аня\"", rows.get(0).student().firstName());
        assertNull(rows.get(0).parent());
    }

    @Test
    void unknownMissingAndDuplicateColumnsAreRefused() {
        StudentCsv.MalformedCsv unknown = malformed("Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Класс\n");
        assertEquals(1, unknown.line());
        assertEquals("schoolCsvUnknownColumn", unknown.problem().messageKey());
        assertEquals(List.of("Класс"), unknown.problem().parameters());
        assertEquals("schoolCsvMissingColumn", malformed("Фамилия;Имя;Отчество;Дата рождения;Пол\n").problem().messageKey());
        assertEquals("schoolCsvDuplicateColumn", malformed("Фамилия;Имя;Имя;Отчество;Дата рождения;Пол;СНИЛС\n").problem().messageKey());
        assertEquals("schoolCsvNoHeader", malformed("").problem().messageKey());
    }

    @Test
    void unbalancedQuoteNamesTheLineWhereItOpened() {
        StudentCsv.MalformedCsv e = malformed(HEADER + "Ким;Виктор;;2017-01-02;М;;;;;\n\"Ли;Анна;;2017-01-02;Ж;;;;;\nЮн;Ира;;2017-01-02;Ж;;;;;\n");
        assertEquals("malformed_csv", e.problem().code());
        assertEquals("schoolCsvUnbalancedQuote", e.problem().messageKey());
        assertEquals(3, e.line());
        assertEquals("schoolCsvStrayQuote", malformed(HEADER + "Ки\"м;Виктор;;2017-01-02;М;;;;;\n").problem().messageKey());
        assertEquals(2, malformed(HEADER + "Ким;Виктор;;2017-01-02;М;;;;;;;;\n").line());
    }

    @Test
    void windows1251IsRefusedWithItsLine() {
        byte[] bytes = (HEADER + "Ким;Виктор;;2017-01-02;М;;;;;\n").getBytes(StandardCharsets.UTF_8);
        byte[] cp1251 = "Ли;Анна;;2017-01-02;Ж;;;;;\n".getBytes(Charset.forName("windows-1251"));
        byte[] all = new byte[bytes.length + cp1251.length];
        System.arraycopy(bytes, 0, all, 0, bytes.length);
        System.arraycopy(cp1251, 0, all, bytes.length, cp1251.length);
        StudentCsv.MalformedCsv e = malformed(all);
        assertEquals("schoolCsvNotUtf8", e.problem().messageKey());
        assertEquals(3, e.line());
    }
}
