package org.schoolesia.school.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refused call: status, error code, message key with parameters (texts, or {@link Localised}
 * parts), and optional extra JSON fields (the field at fault, the CSV line, the bad rows).
 * {@link StaffCall} renders it as {@code {"error","message",…}} and rolls the transaction back,
 * so nothing of the call is saved.
 */
public final class Refused extends RuntimeException {

    private final int status;
    private final String code;
    private final String messageKey;
    private final List<Object> parameters;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Refused(int status, String code, String messageKey, List<Object> parameters) {
        super(code, null, false, false);
        this.status = status;
        this.code = code;
        this.messageKey = messageKey;
        this.parameters = parameters;
    }

    /** Each parameter is a text or a {@link Localised} part. */
    public static Refused of(int status, String code, String messageKey, Object... parameters) {
        return new Refused(status, code, messageKey, List.copyOf(Arrays.asList(parameters)));
    }

    public static Refused notFound() {
        // Absent and not yours look the same (ARCHITECTURE security rule 4).
        return of(404, "not_found", "schoolStaffNotFound");
    }

    /** An extra field of the error body: JSON-writable, or {@link Localised}. */
    public Refused with(String name, Object value) {
        extra.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> parameters() {
        return parameters;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
