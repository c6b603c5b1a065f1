package org.schoolesia.school.accounts;

import org.keycloak.models.UserModel;
import org.schoolesia.school.web.StaffMember;

/**
 * A part of a person's card that another capability owns (the ESIA link): the composition root
 * hands these to {@link AccountsResource}, so accounts need not import the capabilities that use it.
 */
public interface CardSection {

    /** The card's field name, e.g. {@code esiaLink}. */
    String name();

    /** The section for a person already known to be a member of the staff member's organisation. */
    Object of(StaffMember staff, UserModel person);
}
