package org.schoolesia.school.requests;

import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.schoolesia.school.web.StaffMember;
import org.schoolesia.school.link.EsiaPersonFacts;
import org.schoolesia.school.link.LinkAudit;
import org.schoolesia.school.link.LinkMethod;

/**
 * Audit of access requests: Keycloak user events of type {@code CUSTOM_REQUIRED_ACTION} (Keycloak's
 * type for extensions' own steps) with {@code custom_required_action=school_access_request} and the
 * step in {@code school_access_request}: filed, resolved, rejected. A resolution that links also
 * writes the usual link event (method {@code request}). Log lines say the same; no SNILS, no comment.
 */
public final class RequestAudit {

    private static final Logger LOG = Logger.getLogger(RequestAudit.class);

    public static final String ACTION = "school_access_request";
    public static final String STEP = "school_access_request";
    public static final String NUMBER = "request_number";
    public static final String ORGANISATION = "organization_id";
    public static final String DECIDED_BY = "decided_by";

    private RequestAudit() {
    }

    /** Filed from the login flow: the flow's event builder carries the client, IP and auth session. */
    public static void filed(EventBuilder flowEvent, AccessRequest request, boolean created) {
        base(flowEvent.clone(), request, created ? "filed" : "filed_again").success();
        LOG.infof("access request %s %s by ESIA person %s for organisation %s (role %s)", request.number(),
                created ? "filed" : "asked for again (still pending)", request.person().esiaOid(), request.organisationId(),
                request.role() == null ? null : request.role().code());
    }

    static void resolved(KeycloakSession session, RealmModel realm, AccessRequest request, UserModel account,
                         StaffMember staff, boolean newLink) {
        base(event(session, realm), request, "resolved").user(account).detail(Details.USERNAME, account.getUsername())
                .detail(DECIDED_BY, staff.user().getId()).success();
        if (newLink) {
            EsiaPersonFacts person = request.person().facts();
            LinkAudit.linked(event(session, realm), account, person, LinkMethod.REQUEST, staff.user().getId());
        }
        LOG.infof("access request %s resolved by staff member %s: account %s", request.number(), staff.user().getId(), account.getId());
    }

    static void rejected(KeycloakSession session, RealmModel realm, AccessRequest request, StaffMember staff) {
        base(event(session, realm), request, "rejected").detail(DECIDED_BY, staff.user().getId()).success();
        LOG.infof("access request %s rejected by staff member %s", request.number(), staff.user().getId());
    }

    private static EventBuilder event(KeycloakSession session, RealmModel realm) {
        return new EventBuilder(realm, session, session.getContext().getConnection());
    }

    private static EventBuilder base(EventBuilder event, AccessRequest request, String step) {
        return event.event(EventType.CUSTOM_REQUIRED_ACTION)
                .detail(Details.CUSTOM_REQUIRED_ACTION, ACTION)
                .detail(STEP, step)
                .detail(NUMBER, request.number())
                .detail(ORGANISATION, request.organisationId())
                .detail(LinkAudit.ESIA_OID, request.person().esiaOid())
                .detail("school_role", request.role() == null ? null : request.role().code());
    }
}
