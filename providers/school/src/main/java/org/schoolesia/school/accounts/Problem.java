package org.schoolesia.school.accounts;

import java.util.List;

/**
 * Why some input was refused: an error code for programs, a message key (with parameters) for
 * people. Keys live in theme-resources/messages (ru, en).
 */
public record Problem(String code, String messageKey, List<String> parameters) {

    public static Problem of(String code, String messageKey, String... parameters) {
        return new Problem(code, messageKey, List.of(parameters));
    }
}
