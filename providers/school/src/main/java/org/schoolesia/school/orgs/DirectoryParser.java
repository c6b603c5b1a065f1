package org.schoolesia.school.orgs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.schoolesia.school.kernel.CsvTable;

/**
 * Reads a region's organisation directory (R-ORG-1) from JSON or CSV into {@link DirectoryRow}s.
 * Whatever makes the whole document unreadable is a {@link DirectoryFormatException}; whatever is
 * wrong with one row travels with that row, so the caller can report every bad row at once.
 *
 * <p>CSV ({@link CsvTable}, Apache Commons CSV): {@code ;}-separated, a header naming the columns
 * (any order; {@code classes} and {@code enabled} optional), RFC 4180 quoting ({@code "a;b"},
 * {@code ""} for a quote), classes separated by {@code |}, UTF-8 with or without a byte-order mark
 * (as spreadsheets save it).
 */
public final class DirectoryParser {

    /** A region has a few thousand organisations; far more is a wrong file. */
    public static final int MAX_ROWS = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char SEPARATOR = ';';
    private static final String CLASS_SEPARATOR = "\\|";

    private DirectoryParser() {
    }

    public static List<DirectoryRow> parseJson(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new DirectoryFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw new DirectoryFormatException("expected a JSON array of organisations");
        }
        checkSize(root.size());
        List<DirectoryRow> rows = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            rows.add(jsonRow(i + 1, root.get(i)));
        }
        return rows;
    }

    private static DirectoryRow jsonRow(int row, JsonNode node) {
        Map<String, String> values = new HashMap<>();
        List<String> classes = new ArrayList<>();
        Boolean enabled = null;
        List<String> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add("must be a JSON object");
            return new DirectoryRow(row, values, classes, null, problems);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (!DirectoryColumns.ALL.contains(name)) {
                problems.add("unknown field '" + name + "'");
            } else if (value.isNull()) {
                // as if absent
            } else if (DirectoryColumns.CLASSES.equals(name)) {
                if (!value.isArray()) {
                    problems.add("classes must be an array of names");
                    continue;
                }
                for (JsonNode c : value) {
                    if (c.isTextual()) {
                        classes.add(c.asText());
                    } else {
                        problems.add("classes must be an array of names");
                        break;
                    }
                }
            } else if (DirectoryColumns.ENABLED.equals(name)) {
                if (value.isBoolean()) {
                    enabled = value.booleanValue();
                } else {
                    problems.add("enabled must be true or false");
                }
            } else if (value.isTextual()) {
                values.put(name, value.asText());
            } else {
                problems.add(name + " must be text");
            }
        }
        return new DirectoryRow(row, values, classes, enabled, problems);
    }

    public static List<DirectoryRow> parseCsv(String body) {
        String text = body == null ? "" : body;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CsvTable.Record> records = csvRecords(text);
        if (records.isEmpty()) {
            throw new DirectoryFormatException("empty CSV: expected a header line " + String.join(";", headerExample()));
        }
        List<String> header = records.get(0).fields().stream().map(String::trim).toList();
        List<String> columns = new ArrayList<>(header.size());
        for (String name : header) {
            String column = DirectoryColumns.ALL.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new DirectoryFormatException("unknown CSV column '" + name + "' (expected "
                            + String.join(";", headerExample()) + ")"));
            if (columns.contains(column)) {
                throw new DirectoryFormatException("CSV column '" + column + "' appears twice");
            }
            columns.add(column);
        }
        List<String> missing = DirectoryColumns.REQUIRED.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new DirectoryFormatException("CSV header lacks the column(s) " + String.join(", ", missing));
        }
        checkSize(records.size() - 1);
        List<DirectoryRow> rows = new ArrayList<>(records.size() - 1);
        for (CsvTable.Record record : records.subList(1, records.size())) {
            rows.add(csvRow(record, columns));
        }
        return rows;
    }

    private static DirectoryRow csvRow(CsvTable.Record record, List<String> columns) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        Boolean enabled = null;
        List<String> problems = new ArrayList<>();
        List<String> fields = record.fields();
        if (fields.size() != columns.size()) {
            problems.add("expected " + columns.size() + " fields separated by ';', found " + fields.size());
        }
        for (int i = 0; i < Math.min(fields.size(), columns.size()); i++) {
            String column = columns.get(i);
            String value = fields.get(i);
            if (DirectoryColumns.CLASSES.equals(column)) {
                Arrays.stream(value.split(CLASS_SEPARATOR)).filter(c -> !c.isBlank()).forEach(classes::add);
            } else if (DirectoryColumns.ENABLED.equals(column)) {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (v.isEmpty()) {
                    continue;
                }
                switch (v) {
                    case "true", "1", "yes", "да" -> enabled = true;
                    case "false", "0", "no", "нет" -> enabled = false;
                    default -> problems.add("enabled must be true or false");
                }
            } else {
                values.put(column, value);
            }
        }
        return new DirectoryRow(record.line(), values, classes, enabled, problems);
    }

    /** Blank lines are skipped; a malformed table is refused with the line where it broke. */
    private static List<CsvTable.Record> csvRecords(String text) {
        try {
            return CsvTable.read(text, SEPARATOR).stream().filter(r -> r.fields().size() > 1 || !r.isBlank()).toList();
        } catch (CsvTable.Malformed e) {
            throw new DirectoryFormatException("line " + e.line() + ": " + switch (e.problem()) {
                case UNCLOSED_QUOTE -> "a quoted field is never closed";
                case STRAY_QUOTE -> "a quote inside an unquoted field or text after a closing quote"
                        + " (quote the whole field and double the quote)";
            });
        }
    }

    private static void checkSize(int rows) {
        if (rows == 0) {
            throw new DirectoryFormatException("the directory lists no organisations");
        }
        if (rows > MAX_ROWS) {
            throw new DirectoryFormatException("at most " + MAX_ROWS + " organisations per import, found " + rows);
        }
    }

    private static List<String> headerExample() {
        return List.of(DirectoryColumns.ALIAS, DirectoryColumns.NAME, DirectoryColumns.FULL_NAME, DirectoryColumns.TYPE,
                DirectoryColumns.REGION, DirectoryColumns.MUNICIPALITY, DirectoryColumns.SETTLEMENT, DirectoryColumns.TIME_ZONE,
                DirectoryColumns.CLASSES);
    }
}
