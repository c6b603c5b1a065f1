package org.schoolesia.school.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * How the pages' static files are answered: only known kinds of plain relative names, the pages'
 * own strict headers, an ETag so the browser revalidates instead of downloading PatternFly again.
 *
 * <p>Keycloak's security-header filter would put the realm's login-page CSP (which allows inline
 * script) over ours, so these answers skip it and carry their own headers, keeping the realm's HSTS.
 */
final class StaticFiles {

    /** No inline script or style, no foreign origin, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'";

    /** Only these kinds of files are served; anything else (folders, class files) is absent. */
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("json", "application/json; charset=utf-8"));

    /** Plain relative names: letters, digits, dot, dash, underscore, slash between segments. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    /** Files of the jar and of Keycloak's theme do not change while the server runs: read and hash once (every node of a release serves the same bytes). */
    private static final Map<String, File> CACHE = new ConcurrentHashMap<>();

    record File(byte[] body, String etag) {
    }

    @FunctionalInterface
    interface Source {
        InputStream open(String name) throws IOException;
    }

    private StaticFiles() {
    }

    /** The content type of a servable file name, or null when it must not be served ({@code ..}, odd names). */
    static String contentType(String name) {
        if (name == null || name.contains("..") || !SAFE_NAME.matcher(name).matches()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot < name.lastIndexOf('/')) {
            return null;
        }
        return CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** A file from the provider jar's classpath, or null. */
    static File classpath(String resource) {
        return load("classpath:" + resource, resource, name -> StaticFiles.class.getClassLoader().getResourceAsStream(name));
    }

    /** A file from elsewhere (Keycloak's common theme), cached under the key, or null. */
    static File load(String key, String name, Source source) {
        File cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = source.open(name)) {
            if (in == null) {
                return null;
            }
            byte[] body = in.readAllBytes();
            File file = new File(body, etag(body));
            CACHE.put(key, file);
            return file;
        } catch (IOException e) {
            return null;
        }
    }

    static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file, or 304 when the browser holds it already; {@code no-store} for pages, revalidation for the rest. */
    static Response answer(KeycloakSession session, File file, String type, boolean page) {
        String ifNoneMatch = session.getContext().getRequestHeaders() == null ? null
                : session.getContext().getRequestHeaders().getHeaderString(HttpHeaders.IF_NONE_MATCH);
        Response.ResponseBuilder response = !page && file.etag().equals(ifNoneMatch)
                ? Response.notModified() : Response.ok(file.body(), type);
        return secured(session, response).header("Cache-Control", page ? "no-store" : "no-cache")
                .header(HttpHeaders.ETAG, page ? null : file.etag()).build();
    }

    static Response notFound(KeycloakSession session) {
        return secured(session, Response.status(Response.Status.NOT_FOUND).entity("Not found".getBytes(StandardCharsets.UTF_8))
                .type("text/plain; charset=utf-8")).header("Cache-Control", "no-store").build();
    }

    static Response.ResponseBuilder secured(KeycloakSession session, Response.ResponseBuilder response) {
        SecurityHeadersProvider keycloakHeaders = session.getProvider(SecurityHeadersProvider.class);
        if (keycloakHeaders != null) {
            keycloakHeaders.options().skipHeaders();
        }
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Robots-Tag", "none");
        RealmModel realm = session.getContext().getRealm();
        BrowserSecurityHeaders hsts = BrowserSecurityHeaders.STRICT_TRANSPORT_SECURITY;
        String transport = realm == null ? hsts.getDefaultValue()
                : realm.getBrowserSecurityHeaders().getOrDefault(hsts.getKey(), hsts.getDefaultValue());
        if (transport != null && !transport.isEmpty()) {
            response.header(hsts.getHeaderName(), transport);
        }
        return response;
    }
}
