package org.schoolesia.school.link;

import java.util.Optional;

import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.schoolesia.esia.broker.EsiaNotes;
import org.schoolesia.school.accounts.SchoolRole;

/**
 * The role chosen before ESIA (R-ESIA-2): «Вход для родителей / учащихся / педагогов и
 * сотрудников», or preselected by the relying system with the authorization parameter
 * {@code school_role=parent|student|staff}. The login page's buttons are links to the ESIA
 * provider with {@code school_role}; the provider keeps it because the realm names it among the
 * provider's "Forwarded login parameters" (see README), as the client note
 * {@code esia.param.school_role}, which survives the restart of the flow Keycloak does when ESIA
 * answers. A role chosen after ESIA is kept under the same note.
 */
public final class ChosenRole {

    /** Authorization request parameter a relying system may send (also the role buttons' parameter). */
    public static final String REQUEST_PARAMETER = "school_role";
    public static final String NOTE = EsiaNotes.forwardedParameterNote(REQUEST_PARAMETER);
    /** The provider settings the school realm needs for this (demo realm, README, realm upgrade). */
    public static final String FORWARDED_PARAMETERS = REQUEST_PARAMETER + "=parent|student|staff";
    /** Children are read from ESIA only for a parent's login (or one whose role is chosen after ESIA). */
    public static final String READ_CHILDREN_WHEN = REQUEST_PARAMETER + "=parent";

    private ChosenRole() {
    }

    /** The relying system's choice wins over a button (the page shows only its button anyway). */
    public static Optional<SchoolRole> of(AuthenticationSessionModel authSession) {
        Optional<SchoolRole> preselected = preselected(authSession);
        return preselected.isPresent() ? preselected : SchoolRole.of(authSession.getClientNote(NOTE));
    }

    public static Optional<SchoolRole> preselected(AuthenticationSessionModel authSession) {
        return SchoolRole.of(authSession.getClientNote(AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + REQUEST_PARAMETER));
    }

    public static void choose(AuthenticationSessionModel authSession, SchoolRole role) {
        authSession.setClientNote(NOTE, role.code());
    }
}
