package org.schoolesia.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP exchange: parsed parameters, response helpers, and the outcome logged for it. */
final class Call {
    private static final int MAX_BODY = 1 << 20;

    final HttpExchange ex;
    final String method;
    final String path;
    final Map<String, String> query;
    private Map<String, String> form;
    private byte[] body;
    String outcome = "";
    int status;

    Call(HttpExchange ex) {
        this.ex = ex;
        this.method = ex.getRequestMethod();
        this.path = ex.getRequestURI().getRawPath();
        this.query = parseForm(ex.getRequestURI().getRawQuery());
    }

    /** application/x-www-form-urlencoded decoding: '+' becomes a space, first value wins. */
    static Map<String, String> parseForm(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                m.putIfAbsent(k, v);
            }
        }
        return m;
    }

    /** Percent-encoding for query strings (spaces as %20, so either decoder reads them). */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
        }
        return body;
    }

    Map<String, String> form() throws IOException {
        if (form == null) {
            String ct = header("Content-Type");
            form = ct != null && ct.toLowerCase().startsWith("application/x-www-form-urlencoded")
                    ? parseForm(new String(body(), StandardCharsets.UTF_8)) : new LinkedHashMap<>();
        }
        return form;
    }

    /** A request parameter: the form body for POST, the query string otherwise. */
    String param(String name) throws IOException {
        if ("POST".equals(method)) {
            String v = form().get(name);
            return v != null ? v : query.get(name);
        }
        return query.get(name);
    }

    String header(String name) {
        return ex.getRequestHeaders().getFirst(name);
    }

    void setHeader(String name, String value) {
        ex.getResponseHeaders().set(name, value);
    }

    void send(int status, String contentType, byte[] data) throws IOException {
        this.status = status;
        if (contentType != null) {
            setHeader("Content-Type", contentType);
        }
        setHeader("Cache-Control", "no-store");
        if (data == null || data.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, data.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(data);
            }
        }
    }

    /**
     * Sends the headers, then the body one byte per {@code intervalMillis}, flushing each. Ends
     * quietly when the client hangs up, which is what a client with a deadline does.
     */
    void drip(int status, String contentType, byte[] data, long intervalMillis) throws IOException {
        this.status = status;
        setHeader("Content-Type", contentType);
        setHeader("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, 0);
        try (OutputStream out = ex.getResponseBody()) {
            for (byte b : data) {
                out.write(b);
                out.flush();
                Thread.sleep(Math.max(1, intervalMillis));
            }
        } catch (IOException e) {
            outcome += " (client hung up)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void html(int status, String html) throws IOException {
        send(status, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8));
    }

    void json(int status, JsonNode node) throws IOException {
        try {
            send(status, "application/json; charset=UTF-8", Jwt.JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
    }

    void redirect(String location) throws IOException {
        setHeader("Location", location);
        send(302, null, null);
    }

    static String withParams(String uri, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(uri);
        char sep = uri.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            sb.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }
}
