package org.schoolesia.school.requests;

import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.schoolesia.school.accounts.SchoolRole;

/**
 * What a person files: everything but the organisation, the class and the comment comes from
 * ESIA (R-REQ-1), never from the form.
 *
 * @param schoolClass the class chosen, or null where the organisation has none
 * @param child the child a parent named, or null
 * @param comment already cleaned by {@link RequestComment}
 */
public record RequestDraft(AccessRequest.Person person, SchoolRole role, OrganizationModel organisation,
                           GroupModel schoolClass, AccessRequest.Child child, String comment, String locale) {
}
