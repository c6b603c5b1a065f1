package org.schoolesia.school.orgs;

/** The directory as a whole cannot be read (not JSON, no array, unknown CSV column, …): HTTP 400. */
public class DirectoryFormatException extends RuntimeException {

    public DirectoryFormatException(String message) {
        super(message);
    }
}
