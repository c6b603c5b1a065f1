package org.schoolesia.school.certificates;

import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.schoolesia.school.accounts.SchoolAttributes;
import org.schoolesia.school.personal.PersonalCall;
import org.schoolesia.school.web.Answers;
import org.schoolesia.school.web.Json;

/**
 * {@code POST /realms/{realm}/school/me/certificate} «Получить сертификат» (R-CERT-3) from the
 * personal page: {@code {}} for the pupil themselves, {@code {"child":"<id>"}} for a parent's child
 * (R-CERT-2). Judged again by {@link CertificateApplications}; refused 409 {@code not_eligible} with
 * the reason codes. Answers the certificate and whether this call made it (a second click gets the
 * same one). Also the ПФДО credentials PDF (R-CERT-5).
 */
@Produces(MediaType.APPLICATION_JSON)
public class MyCertificateResource {

    public record IssuedView(boolean created, CertificateViews.CertificateView certificate) {
    }

    private final PersonalCall call;

    public MyCertificateResource(PersonalCall call) {
        this.call = call;
    }

    /**
     * R-CERT-5 {@code POST /realms/{realm}/school/me/certificate/credentials} ({@code {}} or
     * {@code {"child":"<id>"}}): the АИС ПФДО credentials as a PDF — the password in the first one only.
     * A POST, as the first call hands out the password once (no prefetch or cache may take it).
     */
    @POST
    @Path("credentials")
    @Produces("application/pdf")
    public Response credentials(String body) {
        return call.respond(me -> {
            String child = Json.text(Json.objectOrEmpty(body), "child");
            CertificateApplications applications = new CertificateApplications(me.session(), me.realm());
            CertificateApplications.Holding holding = applications.holding(me.user(), child);
            PfdoCredentials.Shown shown = new PfdoCredentials(me.session()).open(me.realm(), holding.certificate(), holding.holder(), me.user());
            String holder = String.join(" ", Stream.of(holding.holder().getLastName(), holding.holder().getFirstName(),
                    holding.holder().getFirstAttribute(SchoolAttributes.MIDDLE_NAME))
                    .filter(n -> n != null && !n.isBlank()).toList());
            byte[] pdf = PfdoCredentialsPdf.render(holding.certificate(), holder, shown, applications.zoneOf(holding.holder()));
            return Response.ok(pdf, "application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"pfdo-" + holding.certificate().number() + ".pdf\"")
                    .header("Cache-Control", "no-store").build();
        });
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
