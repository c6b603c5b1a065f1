package org.schoolesia.school.certificates;

import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Audit of certificates (R-CERT-3/4): Keycloak user events of type {@code CUSTOM_REQUIRED_ACTION} with
 * {@code custom_required_action=school_certificate}, the step in {@code school_certificate} (issued,
 * activate, suspend, revoke, credentials_shown), on the child's account, with the certificate, who acted, the
 * organisation and the reason. The number is no secret of the holder's: it goes in too.
 */
public final class CertificateAudit {

    public static final String ACTION = "school_certificate";
    public static final String STEP = "school_certificate";
    public static final String CERTIFICATE = "certificate_id";
    public static final String NUMBER = "certificate_number";
    public static final String STATUS = "certificate_status";
    public static final String ACTOR = "acted_by";
    public static final String ORGANISATION = "organization_id";
    public static final String REASON = "reason";
    public static final String PFDO_LOGIN = "pfdo_login";

    private CertificateAudit() {
    }

    static void issued(KeycloakSession session, RealmModel realm, Certificate c, UserModel child, UserModel applicant) {
        base(session, realm, c, child, "issued").detail(ACTOR, applicant.getId()).success();
    }

    static void changed(KeycloakSession session, RealmModel realm, Certificate c, CertificateStatus.Change change, UserModel child,
                        UserModel staff, String organisationId) {
        EventBuilder e = base(session, realm, c, child, change.code()).detail(ACTOR, staff.getId()).detail(ORGANISATION, organisationId);
        if (c.changeReason() != null) {
            e.detail(REASON, c.changeReason());
        }
        e.success();
    }

    /** R-CERT-5: the ПФДО credentials made and their password shown once, to whom (the login is no secret; the password never goes in). */
    static void credentialsShown(KeycloakSession session, RealmModel realm, Certificate c, UserModel holder, UserModel shownTo, String login) {
        base(session, realm, c, holder, "credentials_shown").detail(ACTOR, shownTo.getId()).detail(PFDO_LOGIN, login).success();
    }

    private static EventBuilder base(KeycloakSession session, RealmModel realm, Certificate c, UserModel child, String step) {
        EventBuilder e = session.getContext().getConnection() == null ? new EventBuilder(realm, session)
                : new EventBuilder(realm, session, session.getContext().getConnection());
        return e.event(EventType.CUSTOM_REQUIRED_ACTION).user(child).detail(Details.USERNAME, child.getUsername())
                .detail(Details.CUSTOM_REQUIRED_ACTION, ACTION).detail(STEP, step)
                .detail(CERTIFICATE, c.id()).detail(NUMBER, c.number()).detail(STATUS, c.status().code());
    }
}
