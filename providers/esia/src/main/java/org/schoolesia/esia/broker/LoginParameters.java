package org.schoolesia.esia.broker;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The provider's "Forwarded login parameters": names of broker-login query parameters that the
 * provider keeps as client notes ({@link EsiaNotes#forwardedParameterNote}), each optionally with
 * the values it may take. Written {@code name} or {@code name=value1|value2}, several separated by
 * commas or spaces. Whatever the deployment means by them stays outside this module.
 */
final class LoginParameters {

    /** Keycloak keeps a relying client's extra authorization parameters under this client-note prefix. */
    static final String CLIENT_REQUEST_PARAM_PREFIX = "client_request_param_";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Values go into client notes and logs: short, and no characters that could forge anything. */
    static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    static final LoginParameters NONE = new LoginParameters(Map.of());

    /** Name → allowed values; an empty set allows any value that matches {@link #VALUE}. */
    private final Map<String, Set<String>> allowed;

    private LoginParameters(Map<String, Set<String>> allowed) {
        this.allowed = allowed;
    }

    /** @throws IllegalArgumentException naming the entry that is not {@code name} or {@code name=a|b} */
    static LoginParameters parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String entry : spec.trim().split("[\\s,]+")) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            Set<String> values = eq < 0 ? Set.of() : values(entry.substring(eq + 1), entry);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Forwarded login parameter '" + entry
                        + "' is not a name of letters, digits, '_', '.' or '-' (at most 64), optionally =value1|value2");
            }
            allowed.put(name, values);
        }
        return new LoginParameters(Collections.unmodifiableMap(allowed));
    }

    static Set<String> values(String list, String entry) {
        Set<String> values = new LinkedHashSet<>(Arrays.asList(list.split("\\|", -1)));
        for (String value : values) {
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("'" + entry + "': each value must be 1-64 letters, digits, '_', '.', ':' or '-'");
            }
        }
        return Collections.unmodifiableSet(values);
    }

    Set<String> names() {
        return allowed.keySet();
    }

    /** The client notes to keep for this broker-login query; values that are not allowed are dropped. */
    Map<String, String> notes(Map<String, List<String>> query) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (String name : allowed.keySet()) {
            List<String> given = query == null ? null : query.get(name);
            String value = given == null || given.isEmpty() ? null : given.get(0);
            if (accepts(name, value)) {
                notes.put(EsiaNotes.forwardedParameterNote(name), value);
            }
        }
        return notes;
    }

    /**
     * The parameter's value for this login: the relying client's authorization parameter first
     * (it decided before the login page), then the forwarded one; null when neither is valid.
     */
    String value(Function<String, String> clientNotes, String name) {
        String requested = trimmed(clientNotes.apply(CLIENT_REQUEST_PARAM_PREFIX + name));
        if (accepts(name, requested)) {
            return requested;
        }
        String forwarded = clientNotes.apply(EsiaNotes.forwardedParameterNote(name));
        return allowed.containsKey(name) && accepts(name, forwarded) ? forwarded : null;
    }

    boolean accepts(String name, String value) {
        if (value == null || !VALUE.matcher(value).matches()) {
            return false;
        }
        Set<String> values = allowed.get(name);
        return values == null || values.isEmpty() || values.contains(value);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
