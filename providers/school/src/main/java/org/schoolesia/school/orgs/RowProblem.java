package org.schoolesia.school.orgs;

/**
 * One reason a directory row cannot be imported. {@code row}: the line in a CSV file (the header
 * is line 1), the 1-based position in a JSON array.
 */
public record RowProblem(int row, String message) {
}
