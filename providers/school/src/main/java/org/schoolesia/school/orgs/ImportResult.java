package org.schoolesia.school.orgs;

/** What a directory import did: organisations created, changed, and found exactly as the file says. */
public record ImportResult(int created, int updated, int unchanged) {
}
