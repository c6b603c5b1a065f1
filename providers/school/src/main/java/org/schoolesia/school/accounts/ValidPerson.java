package org.schoolesia.school.accounts;

import java.time.LocalDate;

import org.schoolesia.esia.protocol.Snils;

/** A person that passed {@link PersonValidator}: trimmed names, parsed date, checked SNILS (nullable when not given). */
public record ValidPerson(String lastName, String firstName, String middleName, boolean noMiddleName,
                          LocalDate birthdate, String gender, Snils snils) {
}
