package org.schoolesia.school.accounts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A staff request refused with a status, a {@link Problem} and optional extra JSON fields
 * (the field at fault, the CSV line, the bad rows). The REST layer renders it and rolls the
 * transaction back, so nothing of the request is saved.
 */
public final class Refused extends RuntimeException {

    private final int status;
    private final Problem problem;
    private final Map<String, Object> extra = new LinkedHashMap<>();

    public Refused(int status, Problem problem) {
        super(problem.code(), null, false, false);
        this.status = status;
        this.problem = problem;
    }

    public static Refused of(int status, String code, String messageKey, String... parameters) {
        return new Refused(status, Problem.of(code, messageKey, parameters));
    }

    public static Refused notFound() {
        // Absent and not yours look the same (ARCHITECTURE security rule 4).
        return of(404, "not_found", "schoolStaffNotFound");
    }

    public Refused with(String name, Object value) {
        extra.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
