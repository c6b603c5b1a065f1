package org.schoolesia.school.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void recordsKnowTheLineTheyStartOn_quotedLineBreaksCounted() throws Exception {
        List<CsvTable.Record> records = CsvTable.read("a;b\r\n\"x\ny\";\"z;\"\"w\"\"\"\n\n  \nlast;one", ';');
        assertEquals(List.of(1, 2, 4, 5, 6), records.stream().map(CsvTable.Record::line).toList());
        assertEquals(List.of("x\ny", "z;\"w\""), records.get(1).fields());
        assertTrue(records.get(2).isBlank(), "a blank line is a record of one blank field");
        assertTrue(records.get(3).isBlank());
        assertEquals(List.of("last", "one"), records.get(4).fields());
    }

    @Test
    void anUnclosedQuoteIsReportedAtTheRecordWhereItOpened() {
        CsvTable.Malformed e = assertThrows(CsvTable.Malformed.class, () -> CsvTable.read("a;b\nc;d\n\"e;f\ng;h\n", ';'));
        assertEquals(CsvTable.Problem.UNCLOSED_QUOTE, e.problem());
        assertEquals(3, e.line());
    }

    @Test
    void aQuoteInsideAnUnquotedFieldOrTextAfterAClosingQuoteIsRefused() {
        CsvTable.Malformed inside = assertThrows(CsvTable.Malformed.class, () -> CsvTable.read("a;b\nКи\"м;d\n", ';'));
        assertEquals(CsvTable.Problem.STRAY_QUOTE, inside.problem());
        assertEquals(2, inside.line());
        CsvTable.Malformed after = assertThrows(CsvTable.Malformed.class, () -> CsvTable.read("a;b\n\"c\" x;d\n", ';'));
        assertEquals(CsvTable.Problem.STRAY_QUOTE, after.problem());
        assertEquals(2, after.line());
    }

    @Test
    void theDelimiterIsTheCallersChoice() throws Exception {
        assertEquals(List.of("a;b", "c"), CsvTable.read("a;b,c", ',').get(0).fields());
    }
}
