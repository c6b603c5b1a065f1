package org.schoolesia.school.web;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reading request bodies, one convention for the whole API: a body is a JSON object; a text field
 * is a string or a number, absent and {@code null} mean "not given"; anything else is 400
 * {@code invalid_request}. Answers are written by {@link Answers}.
 */
public final class Json {

    /** Plain Jackson: writes every field, {@code null} included (Keycloak's own writer leaves nulls out). */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The request body as a JSON object; anything else is 400 {@code invalid_request}. */
    public static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw invalid();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw invalid();
            }
            return node;
        } catch (IOException e) {
            throw invalid();
        }
    }

    /** As {@link #object}, but an empty body is an empty object (a decision may come without a comment). */
    public static JsonNode objectOrEmpty(String body) {
        return body == null || body.isBlank() ? emptyObject() : object(body);
    }

    public static ObjectNode emptyObject() {
        return MAPPER.createObjectNode();
    }

    /** A text field: absent or null is null; a string or number is its text; anything else is 400. */
    public static String text(JsonNode json, String field) {
        JsonNode v = json == null ? null : json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw invalid();
        }
        return v.asText();
    }

    /** A yes/no field: absent or null is {@code fallback}; anything but a JSON boolean is 400. */
    public static boolean flag(JsonNode json, String field, boolean fallback) {
        JsonNode v = json == null ? null : json.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw invalid();
        }
        return v.booleanValue();
    }

    public static Refused invalid() {
        return Refused.of(400, "invalid_request", "schoolInvalidRequest");
    }
}
