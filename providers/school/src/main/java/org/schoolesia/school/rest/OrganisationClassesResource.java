package org.schoolesia.school.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.schoolesia.school.login.OrganisationPasswordForm;
import org.schoolesia.school.requests.SchoolClasses;

/**
 * {@code GET /realms/{realm}/school/organisations/{alias}/classes}: the classes («Класс») of an
 * enabled organisation, for the request form's script (R-REQ-1), which fills the class select when
 * an organisation is chosen. Public like the login page that lists the organisations: class names
 * are no personal data. Any alias that names no enabled organisation is a 404; the form checks
 * the class again when sent.
 */
public class OrganisationClassesResource {

    /** Longer than any Keycloak alias: not looked up. */
    private static final int MAX_ALIAS = 255;

    private final KeycloakSession session;

    public OrganisationClassesResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("{alias}/classes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response classes(@PathParam("alias") String alias, @Context HttpHeaders headers) {
        OrganizationModel organisation = alias == null || alias.isBlank() || alias.length() > MAX_ALIAS ? null
                : OrganisationPasswordForm.findOrganisation(session, alias.trim());
        if (organisation == null || !organisation.isEnabled()) {
            Map<String, String> error = new LinkedHashMap<>();
            error.put("error", "not_found");
            error.put("message", new Messages(session, headers).text("schoolStaffNotFound"));
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-store").entity(error).build();
        }
        List<Map<String, String>> classes = SchoolClasses.of(session, organisation).stream()
                .map(g -> Map.of("id", g.getId(), "name", g.getName())).toList();
        // Classes change a few times a year; a minute of caching spares the server a person's back-and-forth.
        return Response.ok(Map.of("classes", classes)).header("Cache-Control", "public, max-age=60").build();
    }
}
