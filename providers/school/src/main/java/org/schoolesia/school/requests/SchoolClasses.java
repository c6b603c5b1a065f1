package org.schoolesia.school.requests;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.schoolesia.school.orgs.OrganisationClasses;

/**
 * The request form's view of {@link OrganisationClasses} (R-ORG-1, R-REQ-1). Kept while the form is
 * being moved into the first-login steps (issue 10, branch {@code flow}); the form can then use
 * {@link OrganisationClasses} directly and this class goes.
 */
public final class SchoolClasses {

    static final Comparator<String> SCHOOL_ORDER = OrganisationClasses.SCHOOL_ORDER;

    private SchoolClasses() {
    }

    public static List<GroupModel> of(KeycloakSession session, OrganizationModel organisation) {
        return OrganisationClasses.of(session, organisation);
    }

    public static Optional<GroupModel> find(List<GroupModel> classes, String id) {
        return OrganisationClasses.find(classes, id);
    }
}
