package org.schoolesia.esia.broker;

import java.util.Set;
import java.util.function.Function;

/**
 * The provider's "Read children only when" setting, {@code parameter=value} or
 * {@code parameter=value1|value2}: children (one call, plus one per child for birth certificates)
 * are read only for logins whose parameter has one of those values. A login without a valid value
 * still reads them, because what the parameter stands for may be decided after ESIA answers.
 * Empty: always read (when the kid scopes are configured).
 */
record ChildrenCondition(String parameter, Set<String> values) {

    static final ChildrenCondition ALWAYS = new ChildrenCondition(null, Set.of());

    /** @throws IllegalArgumentException when the text is not {@code parameter=value[|value…]} */
    static ChildrenCondition parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return ALWAYS;
        }
        String text = spec.trim();
        int eq = text.indexOf('=');
        if (eq < 0 || !LoginParameters.NAME.matcher(text.substring(0, eq)).matches()) {
            throw new IllegalArgumentException("'Read children only when' must be parameter=value (several values: parameter=a|b), not '"
                    + text + "'");
        }
        return new ChildrenCondition(text.substring(0, eq), LoginParameters.values(text.substring(eq + 1), text));
    }

    boolean wanted(LoginParameters parameters, Function<String, String> clientNotes) {
        if (parameter == null) {
            return true;
        }
        String value = parameters.value(clientNotes, parameter);
        return value == null || values.contains(value);
    }
}
