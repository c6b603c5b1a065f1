package org.schoolesia.school.web;

/**
 * A part of an answer that is written in the caller's language only when the answer is rendered
 * (a message parameter such as a list of field names, rows of an import report): the code that
 * refuses does not know the caller's language.
 */
@FunctionalInterface
public interface Localised {

    Object in(Messages messages);
}
