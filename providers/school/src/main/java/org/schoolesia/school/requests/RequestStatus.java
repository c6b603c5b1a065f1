package org.schoolesia.school.requests;

import java.util.Arrays;
import java.util.Optional;
import org.schoolesia.school.kernel.PureRule;

/**
 * Where an access request stands (R-REQ-3). A request is decided once: pending → resolved or
 * rejected (or closed by itself: linked another way), never back and never twice.
 */
@PureRule
public enum RequestStatus {
    PENDING("pending"),
    RESOLVED("resolved"),
    REJECTED("rejected"),
    /** Defect 9: the person was linked with this role in this organisation another way; nobody needs to decide. */
    LINKED_ELSEWHERE("linked-elsewhere");

    private final String code;

    RequestStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean decided() {
        return this != PENDING;
    }

    /** Only a pending request may be decided, and only into a decision. */
    public boolean mayBecome(RequestStatus next) {
        return this == PENDING && next.decided();
    }

    public static Optional<RequestStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equalsIgnoreCase(code == null ? "" : code.trim())).findFirst();
    }
}
