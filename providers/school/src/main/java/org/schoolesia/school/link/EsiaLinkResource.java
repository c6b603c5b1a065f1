package org.schoolesia.school.link;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.schoolesia.school.accounts.CardSection;
import org.schoolesia.school.web.Json;
import org.schoolesia.school.web.Refused;
import org.schoolesia.school.web.StaffCall;
import org.schoolesia.school.web.StaffMember;

/**
 * {@code /realms/{realm}/school/staff/people/{id}/esia-link} (R-LINK-4): the person's ESIA link as
 * their card shows it; {@code PUT {}} authorises the person's next ESIA login (matching SNILS, full
 * name and birth date) to link, {@code PUT {"esiaOid":"…"}} links that ESIA person now;
 * {@code DELETE} unlinks or cancels an authorisation still waiting.
 */
@Produces(MediaType.APPLICATION_JSON)
public class EsiaLinkResource {

    private final StaffCall call;
    private final String personId;
    private final StaffLinking linking;

    public EsiaLinkResource(KeycloakSession session, StaffCall call, String personId) {
        this.call = call;
        this.personId = personId;
        this.linking = new StaffLinking(session, session.getContext().getRealm());
    }

    /** The link as a card shows it. */
    public record View(String status, String method, String since, String linkedBy, String esiaOid) {
        static View of(StaffLinking.View v) {
            return new View(v.status().code(), v.method() == null ? null : v.method().code(),
                    v.since() == null ? null : v.since().toString(), v.linkedBy(), v.esiaOid());
        }
    }

    /** The card's {@code esiaLink} field. */
    public static CardSection cardSection(KeycloakSession session) {
        return new CardSection() {
            @Override
            public String name() {
                return "esiaLink";
            }

            @Override
            public Object of(StaffMember staff, UserModel person) {
                return View.of(new StaffLinking(session, session.getContext().getRealm()).view(staff, person));
            }
        };
    }

    @GET
    public Response get() {
        return call.answer(staff -> View.of(linking.view(staff, personId)));
    }

    @PUT
    public Response put(String body) {
        return call.answer(staff -> {
            JsonNode oid = Json.object(body).get("esiaOid");
            if (oid == null || oid.isNull()) {
                return View.of(linking.authorise(staff, personId));
            }
            if (!oid.isTextual() && !oid.isIntegralNumber()) {
                throw Refused.of(400, "invalid_esia_oid", "schoolEsiaLinkInvalidOid");
            }
            return View.of(linking.link(staff, personId, oid.asText().trim()));
        });
    }

    @DELETE
    public Response delete() {
        return call.answer(staff -> View.of(linking.unlink(staff, personId)));
    }
}
