package org.schoolesia.school.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The staff page (lists of parents and students, a person's card, issuing credentials, R-ODO-3):
 * static HTML, CSS and script from the classpath folder {@code staff-page/}, served under
 * {@code /realms/{realm}/school/staff-page/}. The page logs in by itself (authorisation code with
 * PKCE, public client {@code school-staff}) and talks only to the staff REST API, so nothing here
 * needs a token: these files hold no data.
 *
 * <p>Keycloak's security-header filter would put the realm's login-page CSP (which allows inline
 * script) over ours on HTML answers, so these answers skip it and carry their own headers, keeping
 * the realm's HSTS setting.
 */
public class StaffPageResource {

    static final String FOLDER = "staff-page/";
    static final String INDEX = "index.html";

    /** No inline script or style, no foreign origin, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    /** Only these kinds of files are served; anything else (folders, class files) is absent. */
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json; charset=utf-8");

    /** Plain relative names: letters, digits, dot, dash, underscore, slash between segments. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private final KeycloakSession session;

    public StaffPageResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("{file:.*}")
    public Response file(@PathParam("file") String file) {
        SecurityHeadersProvider keycloakHeaders = session.getProvider(SecurityHeadersProvider.class);
        if (keycloakHeaders != null) {
            keycloakHeaders.options().skipHeaders();
        }
        UriInfo uri = session.getContext().getUri();
        String name = file == null ? "" : file;
        if (name.isEmpty()) {
            // Without the trailing slash the page's relative links would point one folder up.
            if (uri != null && !uri.getAbsolutePath().getRawPath().endsWith("/")) {
                URI withSlash = uri.getRequestUriBuilder().replacePath(uri.getAbsolutePath().getRawPath() + "/").build();
                return secured(Response.status(Response.Status.MOVED_PERMANENTLY).location(withSlash))
                        .header("Cache-Control", "no-store").build();
            }
            name = INDEX;
        }
        String type = contentType(name);
        if (type == null) {
            return notFound();
        }
        byte[] body = read(FOLDER + name);
        if (body == null) {
            return notFound();
        }
        Response.ResponseBuilder response = secured(Response.ok(body, type));
        // The page changes with deployments; index.html is never kept, the rest is revalidated.
        response.header("Cache-Control", name.equals(INDEX) ? "no-store" : "no-cache");
        return response.build();
    }

    /** The content type of a servable file name, or null when it must not be served ({@code ..}, odd names). */
    static String contentType(String name) {
        if (name.contains("..") || !SAFE_NAME.matcher(name).matches()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot < name.lastIndexOf('/')) {
            return null;
        }
        return CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static byte[] read(String resource) {
        ClassLoader loader = StaffPageResource.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private Response notFound() {
        return secured(Response.status(Response.Status.NOT_FOUND).entity("Not found").type("text/plain; charset=utf-8"))
                .header("Cache-Control", "no-store").build();
    }

    private Response.ResponseBuilder secured(Response.ResponseBuilder response) {
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
