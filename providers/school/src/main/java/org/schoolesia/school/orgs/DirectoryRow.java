package org.schoolesia.school.orgs;

import java.util.List;
import java.util.Map;

/**
 * One organisation as the file gives it, before validation: text values by column name
 * ({@link DirectoryColumns}), the classes, the enabled flag (null when not given) and what was
 * already wrong with the row's shape (a JSON number where text belongs, too many CSV fields).
 */
public record DirectoryRow(int row, Map<String, String> values, List<String> classes, Boolean enabled, List<String> shapeProblems) {

    public String value(String column) {
        return values.get(column);
    }
}
