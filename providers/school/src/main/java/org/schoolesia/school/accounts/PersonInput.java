package org.schoolesia.school.accounts;

/** A person as typed by staff (quick entry) or read from an import row; nothing validated yet. */
public record PersonInput(String lastName, String firstName, String middleName, boolean noMiddleName,
                          String birthdate, String gender, String snils) {
}
