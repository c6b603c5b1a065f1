package org.schoolesia.school.orgs;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Refused;

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

    public record SchoolClass(String id, String name) {
    }

    public record Classes(List<SchoolClass> classes) {
    }

    @GET
    @Path("{alias}/classes")
    @Produces(MediaType.APPLICATION_JSON)
    public Response classes(@PathParam("alias") String alias) {
        OrganizationProvider organisations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organisation = alias == null || alias.isBlank() || alias.length() > MAX_ALIAS
                || organisations == null || !organisations.isEnabled() ? null : organisations.getByAlias(alias.trim());
        if (organisation == null || !organisation.isEnabled()) {
            return Answers.refused(session, Refused.notFound());
        }
        Classes classes = new Classes(OrganisationClasses.of(session, organisation).stream()
                .map(g -> new SchoolClass(g.getId(), g.getName())).toList());
        // Classes change a few times a year; a minute of caching spares the server a person's back-and-forth.
        return Response.fromResponse(Answers.json(200, classes)).header("Cache-Control", null)
                .header("Cache-Control", "public, max-age=60").build();
    }
}
