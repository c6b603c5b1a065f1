package org.schoolesia.school.certificates;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Messages;
import org.schoolesia.school.web.Refused;

/**
 * {@code GET /realms/{realm}/school/certificates/eligibility[?child=<id>]} (R-CERT-6, R-CERT-1/2) for
 * relying school systems (ПФДО, the ОДО module, diaries), with the signed-in person's access token.
 * Security rule 4: Keycloak checks realm, token type (an ID or refresh token is no bearer token),
 * signature, expiry, session and the audience {@value #AUDIENCE}, which an audience mapper on the
 * relying client adds. A pupil is answered about themselves; a parent one entry per linked child, or
 * for {@code ?child=} that child — another's child and no child alike 404. Calls are limited per
 * caller ({@link CertificateSettings#RATE_LIMIT}); answers are never cached. Also the blank
 * application form as a PDF (R-CERT-5).
 */
@Produces(MediaType.APPLICATION_JSON)
public class CertificateEligibilityResource {

    /** The audience a relying system's token must carry for the certificates API. */
    public static final String AUDIENCE = "school-certificates-api";

    /** This node's side of the cluster-wide limit (the count itself is in Keycloak's shared single-use store). */
    private static final CallerRateLimit RATE_LIMIT = new CallerRateLimit();

    private final KeycloakSession session;

    public CertificateEligibilityResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * R-CERT-5: the blank paper application «Скачать шаблон заявления на получение сертификата»; no
     * one's data in it, so no token (the page links to it as a plain download).
     */
    @GET
    @Path("application-template.pdf")
    @Produces("application/pdf")
    public Response applicationTemplate() {
        return Response.ok(ApplicationTemplatePdf.bytes(), "application/pdf")
                .header("Content-Disposition", "inline; filename=\"certificate-application.pdf\"")
                .header("Cache-Control", "public, max-age=86400").build();
    }

    @GET
    @Path("eligibility")
    public Response eligibility(@QueryParam("child") String child) {
        try {
            AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setAudience(AUDIENCE).authenticate();
            if (auth == null || auth.user() == null || !auth.user().isEnabled()) {
                throw Refused.of(401, "unauthorized", "schoolCertificateUnauthorized");
            }
            RealmModel realm = session.getContext().getRealm();
            long wait = RATE_LIMIT.admit(session.singleUseObjects()::putIfAbsent, realm.getId() + ":" + auth.client().getId() + ":" + auth.user().getId(),
                    CertificateSettings.rateLimit(realm), System.currentTimeMillis());
            if (wait > 0) {
                return Response.fromResponse(Answers.refused(session, Refused.of(429, "too_many_requests", "schoolCertificateTooManyRequests")))
                        .header("Retry-After", String.valueOf(wait)).build();
            }
            CertificateApplications applications = new CertificateApplications(session, realm);
            Messages m = Answers.messages(session);
            List<CertificateApplications.Entry> entries = child == null || child.isBlank() ? applications.all(auth.user())
                    : List.of(applications.one(auth.user(), child.strip()).orElseThrow(Refused::notFound));
            return Answers.json(200, new CertificateViews.Eligibility(entries.stream().map(e -> CertificateViews.entry(e, m)).toList()));
        } catch (Refused r) {
            return Answers.refused(session, r);
        } catch (RuntimeException e) {
            return Answers.failed(session, e);
        }
    }
}
