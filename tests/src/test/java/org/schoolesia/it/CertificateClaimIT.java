package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13 on the real server: the claim {@code school_certificates} says what
 * {@code GET /school/certificates/eligibility} says for the same token (R-CERT-6, R-CERT-1/2) — a
 * parent with two children, a pupil of 14 years 0 days and one of 13 years 364 days (R-AGE-1) — and
 * a certificate issued (R-CERT-3) is in the next token; no names, SNILS or birth dates in it.
 */
@ExtendWith(KeycloakExtension.class)
class CertificateClaimIT {

    private static final String CLAIM = "school_certificates";

    private final TestEnvironment env;
    private PersonalApi personal;

    CertificateClaimIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void relyingClientWithTheClaim() throws Exception {
        env.resetRealm();
        CertificateFixtures.prepare(env);
        personal = new PersonalApi(env);
        personal.createTestClient();
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("school certificates");
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("school-certificates-claim");
        mapper.setConfig(Map.of("claim.name", CLAIM, "access.token.claim", "true", "id.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true"));
        env.realmAdmin().client(CertificateFixtures.CLIENT_ID).getProtocolMappers().createMapper(mapper).close();
    }

    @Test
    void r_cert_2_aParentWithTwoChildrenHasOneEntryPerChildAsTheRestAnswer() throws Exception {
        JsonNode tokens = CertificateFixtures.tokens(env, CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET, "ivanova.maria");
        JsonNode claim = claim(tokens, "access_token");
        assertEquals(2, claim.size(), claim.toString());
        assertEquals(claim, claim(tokens, "id_token"), "the ID token says the same");
        assertSameAsRest(claim, tokens.get("access_token").asText());
        String petr = env.realmAdmin().userId("ivanov.petr");
        assertTrue(entryOf(claim, petr).get("eligible").asBoolean(), claim.toString());
        assertFalse(entryOf(claim, petr).get("self").asBoolean());
        for (String secret : List.of("Иванов", "12345678964", "2012-09-05", "2016-06-21", "11223344595")) {
            assertFalse(claim.toString().contains(secret), "no names, SNILS or birth dates: " + claim);
        }
    }

    @Test
    void r_cert_1_aPupilOf14YearsSeesHisOwnCertificateInTheNextTokenAfterItIsIssued_R_CERT_3() throws Exception {
        JsonNode before = CertificateFixtures.tokens(env, CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET,
                CertificateFixtures.PUPIL_14Y0D);
        JsonNode claim = claim(before, "access_token");
        assertEquals(1, claim.size(), claim.toString());
        assertEquals(RelyingSystem.payload(before.get("access_token").asText()).get("sub").asText(), claim.get(0).get("id").asText());
        assertTrue(claim.get(0).get("self").asBoolean());
        assertTrue(claim.get(0).get("eligible").asBoolean(), claim.toString());
        assertFalse(claim.get(0).has("certificate"));
        assertSameAsRest(claim, before.get("access_token").asText());

        HttpResponse<String> issued = CertificateFixtures.issue(env, personal.token(CertificateFixtures.PUPIL_14Y0D), null);
        assertEquals(200, issued.statusCode(), issued.body());
        String number = StaffApi.json(issued).get("certificate").get("number").asText();

        JsonNode after = CertificateFixtures.tokens(env, CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET,
                CertificateFixtures.PUPIL_14Y0D);
        JsonNode entry = claim(after, "access_token").get(0);
        assertFalse(entry.get("eligible").asBoolean());
        assertEquals(List.of("already_has_certificate"), codes(entry.get("reasons")));
        assertEquals(number, entry.get("certificate").get("number").asText());
        assertEquals("inactive", entry.get("certificate").get("status").asText());
        assertTrue(entry.get("certificate").get("valid_from").asText().matches("\\d{4}-\\d{2}-\\d{2}"), entry.toString());
        assertSameAsRest(claim(after, "access_token"), after.get("access_token").asText());
    }

    @Test
    void r_cert_6_2_aPupilOf13Years364DaysHasTheReasonInTheClaim_R_AGE_1() throws Exception {
        JsonNode tokens = CertificateFixtures.tokens(env, CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET,
                CertificateFixtures.PUPIL_13Y364D);
        JsonNode claim = claim(tokens, "access_token");
        assertEquals(List.of("pupil_under_14"), codes(claim.get(0).get("reasons")));
        assertSameAsRest(claim, tokens.get("access_token").asText());
    }

    private static JsonNode claim(JsonNode tokens, String which) throws Exception {
        JsonNode claim = RelyingSystem.payload(tokens.get(which).asText()).get(CLAIM);
        assertTrue(claim != null && claim.isArray(), which + " without " + CLAIM);
        return claim;
    }

    /** Claim and REST answer, for the same token: the same persons, verdicts, reasons and certificate numbers. */
    private void assertSameAsRest(JsonNode claim, String accessToken) {
        HttpResponse<String> r = CertificateFixtures.eligibility(env, accessToken, null, "ru");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode rest = StaffApi.json(r).get("entries");
        assertEquals(rest.size(), claim.size(), rest + " vs " + claim);
        for (JsonNode answer : rest) {
            JsonNode entry = entryOf(claim, answer.get("child").get("id").asText());
            assertEquals(answer.get("eligible").asBoolean(), entry.get("eligible").asBoolean(), entry.toString());
            assertEquals(answer.get("self").asBoolean(), entry.get("self").asBoolean(), entry.toString());
            assertEquals(CertificateFixtures.reasons(answer), codes(entry.get("reasons")), entry.toString());
            assertEquals(answer.path("certificate").path("number").asText(""), entry.path("certificate").path("number").asText(""));
        }
    }

    private static JsonNode entryOf(JsonNode claim, String id) {
        for (JsonNode e : claim) {
            if (id.equals(e.path("id").asText())) {
                return e;
            }
        }
        throw new AssertionError("no entry " + id + " in " + claim);
    }

    private static List<String> codes(JsonNode reasons) {
        List<String> codes = new ArrayList<>();
        reasons.forEach(r -> codes.add(r.asText()));
        return codes;
    }
}
