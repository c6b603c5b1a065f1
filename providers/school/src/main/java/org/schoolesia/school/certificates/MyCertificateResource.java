package org.schoolesia.school.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.schoolesia.school.personal.PersonalCall;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Json;

/**
 * {@code POST /realms/{realm}/school/me/certificate} «Получить сертификат» (R-CERT-3) from the
 * personal page: {@code {}} for the pupil themselves, {@code {"child":"<id>"}} for a parent's child
 * (R-CERT-2). Judged again by {@link CertificateApplications}; refused 409 {@code not_eligible} with
 * the reason codes. Answers the certificate and whether this call made it (a second click gets the
 * same one).
 */
@Produces(MediaType.APPLICATION_JSON)
public class MyCertificateResource {

    public record IssuedView(boolean created, CertificateViews.CertificateView certificate) {
    }

    private final PersonalCall call;

    public MyCertificateResource(PersonalCall call) {
        this.call = call;
    }

    @POST
    public Response issue(String body) {
        return call.answer(me -> {
            JsonNode json = Json.objectOrEmpty(body);
            String child = Json.text(json, "child");
            Certificates.Issued issued = new CertificateApplications(me.session(), me.realm()).issue(me.user(), child);
            return new IssuedView(issued.created(), CertificateViews.certificate(issued.certificate(), Answers.messages(me.session())));
        });
    }
}
