package org.schoolesia.school.accounts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.schoolesia.school.kernel.CsvTable;

/**
 * «Импорт учеников» files: UTF-8, delimiter {@code ;} or {@code ,} (taken from the header), a
 * header row naming the columns (any order; the parent's columns may be left out), quotes as
 * spreadsheets write them (read by {@link CsvTable}, Apache Commons CSV). Reads the whole file or refuses it with the line where it broke;
 * row-level checks are {@link PersonValidator}'s.
 */
public final class StudentCsv {

    public static final String LAST_NAME = "Фамилия";
    public static final String FIRST_NAME = "Имя";
    public static final String MIDDLE_NAME = "Отчество";
    public static final String BIRTHDATE = "Дата рождения";
    public static final String GENDER = "Пол";
    public static final String SNILS = "СНИЛС";
    public static final String PARENT_LAST_NAME = "Фамилия родителя";
    public static final String PARENT_FIRST_NAME = "Имя родителя";
    public static final String PARENT_MIDDLE_NAME = "Отчество родителя";
    public static final String PARENT_SNILS = "СНИЛС родителя";

    private static final List<String> REQUIRED = List.of(LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTHDATE, GENDER, SNILS);
    private static final List<String> OPTIONAL = List.of(PARENT_LAST_NAME, PARENT_FIRST_NAME, PARENT_MIDDLE_NAME, PARENT_SNILS);
    static final int MAX_ROWS = 5000;

    /** One data row; {@code line} is its line number in the file (the header is line 1). */
    public record Row(int line, PersonInput student, PersonInput parent) {
    }

    /** The file cannot be read as a table: nothing in it is imported. */
    public static final class MalformedCsv extends Exception {
        private final int line;
        private final Problem problem;

        MalformedCsv(int line, String messageKey, String... parameters) {
            super(messageKey + " at line " + line, null, false, false);
            this.line = line;
            this.problem = Problem.of("malformed_csv", messageKey, parameters);
        }

        public int line() {
            return line;
        }

        public Problem problem() {
            return problem;
        }
    }

    private StudentCsv() {
    }

    public static List<Row> parse(byte[] bytes) throws MalformedCsv {
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CsvTable.Record> records = records(text);
        if (records.isEmpty() || records.get(0).isBlank()) {
            throw new MalformedCsv(1, "schoolCsvNoHeader");
        }
        Map<String, Integer> columns = header(records.get(0));
        List<Row> rows = new ArrayList<>();
        for (CsvTable.Record r : records.subList(1, records.size())) {
            if (r.isBlank()) {
                continue;
            }
            if (r.fields().size() > records.get(0).fields().size()) {
                throw new MalformedCsv(r.line(), "schoolCsvTooManyFields");
            }
            if (rows.size() >= MAX_ROWS) {
                throw new MalformedCsv(r.line(), "schoolCsvTooManyRows", String.valueOf(MAX_ROWS));
            }
            PersonInput student = person(r, columns, LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTHDATE, GENDER, SNILS);
            PersonInput parent = person(r, columns, PARENT_LAST_NAME, PARENT_FIRST_NAME, PARENT_MIDDLE_NAME, null, null, PARENT_SNILS);
            boolean noParent = blank(parent.lastName()) && blank(parent.firstName()) && blank(parent.middleName()) && blank(parent.snils());
            rows.add(new Row(r.line(), student, noParent ? null : parent));
        }
        return rows;
    }

    private static PersonInput person(CsvTable.Record r, Map<String, Integer> columns, String last, String first, String middle,
                                      String birthdate, String gender, String snils) {
        String m = field(r, columns, middle);
        // The file has no «Нет отчества» column: an empty patronymic means the person has none.
        return new PersonInput(field(r, columns, last), field(r, columns, first), m, blank(m),
                birthdate == null ? null : field(r, columns, birthdate), gender == null ? null : field(r, columns, gender),
                field(r, columns, snils));
    }

    private static String field(CsvTable.Record r, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= r.fields().size() ? null : r.fields().get(i);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Map<String, Integer> header(CsvTable.Record header) throws MalformedCsv {
        Map<String, String> known = new HashMap<>();
        for (String c : REQUIRED) {
            known.put(normalise(c), c);
        }
        for (String c : OPTIONAL) {
            known.put(normalise(c), c);
        }
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String raw = header.fields().get(i).strip();
            String name = known.get(normalise(raw));
            if (name == null) {
                throw new MalformedCsv(1, "schoolCsvUnknownColumn", raw);
            }
            if (columns.put(name, i) != null) {
                throw new MalformedCsv(1, "schoolCsvDuplicateColumn", raw);
            }
        }
        for (String c : REQUIRED) {
            if (!columns.containsKey(c)) {
                throw new MalformedCsv(1, "schoolCsvMissingColumn", c);
            }
        }
        return columns;
    }

    static String normalise(String column) {
        return column.strip().toLowerCase(Locale.ROOT).replace('ё', 'е').replaceAll("\\s+", " ");
    }

    private static String decode(byte[] bytes) throws MalformedCsv {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCsv(lineOfFirstBadByte(bytes), "schoolCsvNotUtf8");
        }
    }

    /** The line holding the first byte sequence that is not UTF-8 (a Windows-1251 export, usually). */
    private static int lineOfFirstBadByte(byte[] bytes) {
        int line = 1;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
            if (extra < 0) {
                return line;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= bytes.length || (bytes[i + k] & 0xC0) != 0x80) {
                    return line;
                }
            }
            if (b == '\n') {
                line++;
            }
            i += extra + 1;
        }
        return line;
    }

    /** RFC 4180 records ({@link CsvTable}); the delimiter is whichever of {@code ;} and {@code ,} the header line uses more. */
    private static List<CsvTable.Record> records(String text) throws MalformedCsv {
        int firstLineEnd = text.indexOf('\n');
        String headerLine = firstLineEnd < 0 ? text : text.substring(0, firstLineEnd);
        char delimiter = count(headerLine, ';') >= count(headerLine, ',') ? ';' : ',';
        try {
            return CsvTable.read(text, delimiter);
        } catch (CsvTable.Malformed e) {
            throw new MalformedCsv(e.line(), switch (e.problem()) {
                case UNCLOSED_QUOTE -> "schoolCsvUnbalancedQuote";
                case STRAY_QUOTE -> "schoolCsvStrayQuote";
            });
        }
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(ch -> ch == c).count();
    }
}
