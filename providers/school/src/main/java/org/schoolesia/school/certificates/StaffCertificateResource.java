package org.schoolesia.school.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.schoolesia.school.accounts.CardSection;
import org.schoolesia.school.accounts.People;
import org.schoolesia.school.accounts.SchoolRole;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;
import org.schoolesia.school.web.StaffMember;

/**
 * {@code /realms/{realm}/school/staff/people/{id}/certificate} (R-CERT-4): staff of an authorised
 * organisation ({@link CertificateSettings#AUTHORITY}) see a pupil's certificate and, after checking
 * the applicant's documents, {@code POST {"change":"activate"}}; {@code suspend} and {@code revoke}
 * need a {@code reason}. Staff of other organisations are refused (403); a person outside the
 * caller's organisation, an unknown id and a parent look absent (404). Each change is audited.
 */
@Produces(MediaType.APPLICATION_JSON)
public class StaffCertificateResource {

    static final int REASON_MAX = 500;

    /** On the pupil's card: the certificate and what the caller may do; absent for other organisations. */
    public record CardView(boolean mayChange, CertificateViews.CertificateView certificate) {
    }

    private final KeycloakSession session;
    private final StaffCall call;
    private final String personId;

    public StaffCertificateResource(KeycloakSession session, StaffCall call, String personId) {
        this.session = session;
        this.call = call;
        this.personId = personId;
    }

    /** The card's {@code certificate} field: only for staff of an authorised organisation, only on pupils' cards. */
    public static CardSection cardSection(KeycloakSession session) {
        return new CardSection() {
            @Override
            public String name() {
                return "certificate";
            }

            @Override
            public Object of(StaffMember staff, UserModel person) {
                if (!CertificateSettings.authorised(staff.organisation()) || !People.hasRole(person, SchoolRole.STUDENT)) {
                    return null;
                }
                return new CardView(true, CertificateViews.certificate(new Certificates(session).standingOf(person.getId()).orElse(null),
                        Answers.messages(session)));
            }
        };
    }

    @GET
    public Response get() {
        return call.answer(staff -> {
            UserModel pupil = pupil(staff);
            return new CardView(true, CertificateViews.certificate(new Certificates(session).standingOf(pupil.getId()).orElse(null),
                    call.messages()));
        });
    }

    @POST
    public Response change(String body) {
        return call.answer(staff -> {
            UserModel pupil = pupil(staff);
            JsonNode json = Json.object(body);
            CertificateStatus.Change change = CertificateStatus.Change.of(Json.text(json, "change"))
                    .orElseThrow(() -> Refused.of(400, "invalid_change", "schoolCertificateInvalidChange"));
            String reason = Json.text(json, "reason");
            reason = reason == null || reason.isBlank() ? null : reason.strip();
            if (change.needsReason() && reason == null) {
                throw Refused.of(400, "reason_required", "schoolCertificateReasonRequired").with("field", "reason");
            }
            if (reason != null && reason.length() > REASON_MAX) {
                throw Refused.of(400, "reason_too_long", "schoolCertificateReasonTooLong", REASON_MAX).with("field", "reason");
            }
            Certificates certificates = new Certificates(session);
            Certificate current = certificates.standingOf(pupil.getId())
                    .orElseThrow(() -> Refused.of(404, "no_certificate", "schoolCertificateNone"));
            if (!current.status().allows(change)) {
                throw conflict(current);
            }
            RealmModel realm = session.getContext().getRealm();
            Certificate after = certificates.change(realm, current, change, reason, staff.user(), staff.organisation().getId(), pupil)
                    .orElseThrow(() -> conflict(certificates.find(current.id()).orElse(current)));
            return new CardView(true, CertificateViews.certificate(after, call.messages()));
        });
    }

    private Refused conflict(Certificate now) {
        return Refused.of(409, "certificate_changed", "schoolCertificateChanged", new CertificateStatusText(now.status()))
                .with("certificate", CertificateViews.certificate(now, Answers.messages(session)));
    }

    /** R-CERT-4: staff of an authorised organisation, and a pupil of that organisation. */
    private UserModel pupil(StaffMember staff) {
        RealmModel realm = session.getContext().getRealm();
        UserModel u = personId == null ? null : session.users().getUserById(realm, personId);
        if (u == null || !People.hasRole(u, SchoolRole.STUDENT) || !session.getProvider(OrganizationProvider.class).isMember(staff.organisation(), u)) {
            throw Refused.notFound();
        }
        if (!CertificateSettings.authorised(staff.organisation())) {
            throw Refused.of(403, "not_authorised_organization", "schoolCertificateNotAuthorised");
        }
        return u;
    }

    /** The status in the caller's language, filled in when the refusal is rendered. */
    private record CertificateStatusText(CertificateStatus status) implements org.schoolesia.school.web.Localised {
        @Override
        public Object in(org.schoolesia.school.web.Messages messages) {
            return messages.text("personal.certificate.status." + status.code());
        }
    }
}
