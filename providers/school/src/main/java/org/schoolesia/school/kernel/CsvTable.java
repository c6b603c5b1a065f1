package org.schoolesia.school.kernel;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The imports' CSV reader, on Apache Commons CSV: RFC 4180 with a chosen delimiter, quoted fields
 * holding delimiters, doubled quotes and line breaks. What the imports add on top: every record
 * knows the line it starts on (quoted line breaks counted), blank lines come back as records of
 * one blank field (the callers decide), and a quote inside an unquoted field ({@code Ки"м}) is
 * refused — Commons CSV would keep it as text, but in a spreadsheet export it means a broken
 * quoting that shifted the columns.
 */
public final class CsvTable {

    /** One record; {@code line} is the 1-based line of the file it starts on. */
    public record Record(int line, List<String> fields) {

        public boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** Why the text is not a table; nothing of it should be used. */
    public enum Problem {
        /** A quoted field is never closed: reported at the line of the record where it opened. */
        UNCLOSED_QUOTE,
        /** A quote inside an unquoted field, or text after a closing quote. */
        STRAY_QUOTE
    }

    public static final class Malformed extends Exception {
        private final Problem problem;
        private final int line;

        Malformed(Problem problem, int line) {
            super(problem + " at line " + line, null, false, false);
            this.problem = problem;
            this.line = line;
        }

        public Problem problem() {
            return problem;
        }

        public int line() {
            return line;
        }
    }

    private CsvTable() {
    }

    public static List<Record> read(String text, char delimiter) throws Malformed {
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                // Blank lines are records here, so that line numbers can be counted by records.
                .setIgnoreEmptyLines(false)
                .get();
        List<Record> records = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            // Lines completed before the next record: the parser has read exactly up to the end of the last one.
            long linesDone = 0;
            while (true) {
                boolean more;
                try {
                    more = it.hasNext();
                } catch (UncheckedIOException e) {
                    throw malformed(e.getCause(), (int) linesDone + 1);
                }
                if (!more) {
                    break;
                }
                CSVRecord record = it.next();
                records.add(new Record((int) linesDone + 1, record.toList()));
                starts.add(record.getCharacterPosition());
                linesDone = parser.getCurrentLineNumber();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checkStrayQuotes(text, records, starts);
        return records;
    }

    private static Malformed malformed(IOException cause, int recordLine) {
        // Commons CSV's own wording for a quoted field that reaches the end of the text.
        boolean unclosed = cause != null && cause.getMessage() != null && cause.getMessage().contains("EOF reached before encapsulated token finished");
        return new Malformed(unclosed ? Problem.UNCLOSED_QUOTE : Problem.STRAY_QUOTE, recordLine);
    }

    /**
     * A value holding a quote came from a quoted field only if the record's text holds it quoted
     * (quotes doubled, the whole in quotes); otherwise the quote stood inside an unquoted field.
     */
    private static void checkStrayQuotes(String text, List<Record> records, List<Long> starts) throws Malformed {
        for (int r = 0; r < records.size(); r++) {
            int from = (int) (long) starts.get(r);
            int to = r + 1 < records.size() ? (int) (long) starts.get(r + 1) : text.length();
            String raw = text.substring(from, to);
            Record record = records.get(r);
            int linesBefore = 0;
            for (String value : record.fields()) {
                if (value.indexOf('"') >= 0 && !raw.contains('"' + value.replace("\"", "\"\"") + '"')) {
                    throw new Malformed(Problem.STRAY_QUOTE, record.line() + linesBefore);
                }
                linesBefore += (int) value.chars().filter(c -> c == '\n').count();
            }
        }
    }
}
