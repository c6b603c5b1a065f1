package org.schoolesia.school.orgs;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.schoolesia.school.kernel.PureRule;

/**
 * Checks every row of a directory before anything is saved (R-ORG-1): required fields, a known
 * «Тип ОО», an IANA time zone (R-AGE-1 counts birthdays there), an alias other systems can keep
 * as a code, no alias or name twice, and lengths Keycloak's columns hold.
 */
@PureRule
public final class DirectoryValidator {

    /** Lower-case Latin letters, digits, '-', '_', '.'; starts and ends with a letter or digit. */
    public static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");
    /** Keycloak stores names, descriptions and attribute values in 255-character columns. */
    public static final int MAX_LENGTH = 255;

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    /** The rows that passed (only meaningful when there are no problems) and every problem found. */
    public record Outcome(List<OrganisationEntry> entries, List<RowProblem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private DirectoryValidator() {
    }

    public static Outcome validate(List<DirectoryRow> rows) {
        List<OrganisationEntry> entries = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> aliasRows = new HashMap<>();
        Map<String, Integer> nameRows = new HashMap<>();
        for (DirectoryRow row : rows) {
            List<String> rowProblems = new ArrayList<>(row.shapeProblems());
            Map<String, String> v = new HashMap<>();
            for (String column : DirectoryColumns.REQUIRED) {
                String value = row.value(column) == null ? "" : row.value(column).strip();
                if (value.isEmpty()) {
                    rowProblems.add(column + " is required");
                } else if (value.length() > MAX_LENGTH) {
                    rowProblems.add(column + " is longer than " + MAX_LENGTH + " characters");
                }
                v.put(column, value);
            }
            String alias = v.get(DirectoryColumns.ALIAS);
            if (!alias.isEmpty() && !ALIAS.matcher(alias).matches()) {
                rowProblems.add("alias '" + alias + "' must be 1-64 lower-case Latin letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
            }
            if (!alias.isEmpty()) {
                Integer first = aliasRows.putIfAbsent(alias, row.row());
                if (first != null) {
                    rowProblems.add("alias '" + alias + "' already used in row " + first);
                }
            }
            String name = v.get(DirectoryColumns.NAME);
            if (!name.isEmpty()) {
                Integer first = nameRows.putIfAbsent(name, row.row());
                if (first != null) {
                    rowProblems.add("name '" + name + "' already used in row " + first);
                }
            }
            String typeValue = v.get(DirectoryColumns.TYPE);
            OrganisationType type = OrganisationType.of(typeValue).orElse(null);
            if (!typeValue.isEmpty() && type == null) {
                rowProblems.add("unknown type '" + typeValue + "' (expected one of " + OrganisationType.describeAll() + ")");
            }
            String zone = v.get(DirectoryColumns.TIME_ZONE);
            if (!zone.isEmpty() && !ZONES.contains(zone)) {
                rowProblems.add("timeZone '" + zone + "' is not an IANA time zone (e.g. Asia/Sakhalin, Europe/Moscow)");
            }
            Set<String> classes = new LinkedHashSet<>();
            for (String raw : row.classes()) {
                String c = raw.strip();
                if (c.isEmpty()) {
                    continue;
                }
                if (c.length() > MAX_LENGTH) {
                    rowProblems.add("class name '" + c.substring(0, 20) + "…' is longer than " + MAX_LENGTH + " characters");
                } else if (c.contains("/")) {
                    rowProblems.add("class name '" + c + "' must not contain '/'");
                } else {
                    classes.add(c);
                }
            }
            rowProblems.forEach(message -> problems.add(new RowProblem(row.row(), message)));
            if (rowProblems.isEmpty()) {
                entries.add(new OrganisationEntry(row.row(), alias, name, v.get(DirectoryColumns.FULL_NAME), type,
                        v.get(DirectoryColumns.REGION), v.get(DirectoryColumns.MUNICIPALITY), v.get(DirectoryColumns.SETTLEMENT),
                        zone, List.copyOf(classes), row.enabled() == null || row.enabled()));
            }
        }
        return new Outcome(entries, problems);
    }
}
