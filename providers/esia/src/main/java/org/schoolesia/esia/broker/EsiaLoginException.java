package org.schoolesia.esia.broker;

import jakarta.ws.rs.core.Response;

/**
 * A login through ESIA that cannot go on. Carries what the user sees (a message key of the theme
 * and an HTTP status) apart from what the operator reads in the log.
 */
public class EsiaLoginException extends RuntimeException {

    private final String messageKey;
    private final Response.Status status;

    public EsiaLoginException(String messageKey, Response.Status status, String logMessage) {
        super(logMessage);
        this.messageKey = messageKey;
        this.status = status;
    }

    public EsiaLoginException(String messageKey, Response.Status status, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.messageKey = messageKey;
        this.status = status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Response.Status status() {
        return status;
    }
}
