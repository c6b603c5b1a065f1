package org.schoolesia.school.rest;

import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;

/** Root of {@code /realms/{realm}/school}. */
public class SchoolResource {

    private final KeycloakSession session;

    public SchoolResource(KeycloakSession session) {
        this.session = session;
    }

    /** Each staff request authenticates itself (bearer token), see {@link StaffResource}. */
    @Path("staff")
    public StaffResource staff() {
        return new StaffResource(session);
    }

    /** Access requests «Обратиться в организацию» of the staff member's organisation (R-REQ-3); bearer token as {@code staff}. */
    @Path("access-requests")
    public AccessRequestResource accessRequests() {
        return new AccessRequestResource(session);
    }

    /** Public: the classes of an organisation, for the request form's script (R-REQ-1). */
    @Path("organisations")
    public OrganisationClassesResource organisations() {
        return new OrganisationClassesResource(session);
    }

    /** The staff page's static files (no data, no token): the page logs in itself and calls {@code staff}. */
    @Path("staff-page")
    public StaffPageResource page() {
        return new StaffPageResource(session);
    }
}
