package org.schoolesia.school.api;

import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.keycloak.models.KeycloakSession;

/**
 * A page of people (the staff console, the person's own page): static HTML and ES modules from
 * one classpath folder per page, served under {@code /realms/{realm}/school/{page}/}. A page logs
 * in by itself (keycloak-js through {@code assets/school-app.js}) and talks only to the school
 * REST API, so nothing here needs a token: these files hold no data.
 */
public class PageResource {

    /** URL segment under {@code /school/} → classpath folder. Adding a page is one line here. */
    static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("staff-page", "staff-page/"),
            Map.entry("personal", "personal-page/"));

    static final String INDEX = "index.html";

    private final KeycloakSession session;
    /** Null for a segment that names no page: everything under it is absent. */
    private final String folder;

    PageResource(KeycloakSession session, String folder) {
        this.session = session;
        this.folder = folder;
    }

    @GET
    @Path("{file:.*}")
    public Response file(@PathParam("file") String file) {
        String name = file == null ? "" : file;
        if (folder == null) {
            return StaticFiles.notFound(session);
        }
        if (name.isEmpty()) {
            // Without the trailing slash the page's relative links would point one folder up.
            UriInfo uri = session.getContext().getUri();
            if (uri != null && !uri.getAbsolutePath().getRawPath().endsWith("/")) {
                URI withSlash = uri.getRequestUriBuilder().replacePath(uri.getAbsolutePath().getRawPath() + "/").build();
                return StaticFiles.secured(session, Response.status(Response.Status.MOVED_PERMANENTLY).location(withSlash))
                        .header("Cache-Control", "no-store").build();
            }
            name = INDEX;
        }
        String type = StaticFiles.contentType(name);
        StaticFiles.File found = type == null ? null : StaticFiles.classpath(folder + name);
        if (found == null) {
            return StaticFiles.notFound(session);
        }
        // The page changes with deployments: index.html is never kept, the rest is revalidated.
        return StaticFiles.answer(session, found, type, name.equals(INDEX));
    }
}
