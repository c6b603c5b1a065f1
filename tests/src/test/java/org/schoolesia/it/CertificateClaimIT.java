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

    /**
     * With both mappers the certificate claim's one query also gives {@code school_children} its
     * children: the same ids in the same order, and the names of the links (R-FAM-1).
     */
    @Test
    void r_fam_1_theChildrenClaimBesideTheCertificateClaimHasTheSameChildren() throws Exception {
        ProtocolMapperRepresentation children = new ProtocolMapperRepresentation();
        children.setName("school children");
        children.setProtocol("openid-connect");
        children.setProtocolMapper("school-children-claim");
        children.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true"));
        env.realmAdmin().client(CertificateFixtures.CLIENT_ID).getProtocolMappers().createMapper(children).close();
        JsonNode tokens = CertificateFixtures.tokens(env, CertificateFixtures.CLIENT_ID, CertificateFixtures.CLIENT_SECRET, "ivanova.maria");
        for (String kind : List.of("access_token", "id_token")) {
            JsonNode payload = StaffApi.json(new String(java.util.Base64.getUrlDecoder().decode(tokens.get(kind).asText().split("\\.")[1]),
                    java.nio.charset.StandardCharsets.UTF_8));
            JsonNode named = payload.get("school_children");
            JsonNode certificates = payload.get(CLAIM);
            assertEquals(2, named.size(), payload.toString());
            for (int i = 0; i < 2; i++) {
                assertEquals(certificates.get(i).get("id"), named.get(i).get("id"), kind + " " + i);
            }
            assertEquals("Пётр", named.get(0).get("given_name").asText(), payload.toString());
            assertEquals("Сергеевич", named.get(0).get("middle_name").asText(), payload.toString());
        }
    }

    /** Issue 13: the school mappers' names and help texts in Russian where the admin console is in Russian (GET /admin/serverinfo). */
    @Test
    void theSchoolMappersAreNamedInRussianForAnAdminInRussianAndInEnglishOtherwise() throws Exception {
        org.keycloak.admin.client.resource.RealmResource master = env.keycloakAdmin().realm("master");
        org.keycloak.representations.idm.RealmRepresentation before = master.toRepresentation();
        org.keycloak.representations.idm.RealmRepresentation russian = master.toRepresentation();
        russian.setInternationalizationEnabled(true);
        russian.setSupportedLocales(java.util.Set.of("en", "ru"));
        russian.setDefaultLocale("en");
        master.update(russian);
        try {
            Map<String, JsonNode> ru = mapperTypes("ru");
            Map<String, JsonNode> en = mapperTypes("en");
            assertEquals("Школа: привязанные дети", ru.get("school-children-claim").get("name").asText());
            assertEquals("School: linked children", en.get("school-children-claim").get("name").asText());
            assertEquals("Школа: сертификат дополнительного образования", ru.get("school-certificates-claim").get("name").asText());
            for (String id : List.of("school-role-claim", "school-organizations-claim", "school-children-claim", "school-over-14-claim",
                    "school-esia-trust-claim", "school-certificates-claim")) {
                assertTrue(ru.get(id).get("name").asText().startsWith("Школа: "), id + ": " + ru.get(id));
                assertTrue(ru.get(id).get("helpText").asText().startsWith("Утверждение "), id + ": " + ru.get(id));
                assertTrue(en.get(id).get("name").asText().startsWith("School: "), id + ": " + en.get(id));
                assertTrue(en.get(id).get("helpText").asText().startsWith("Claim "), id + ": " + en.get(id));
            }
            assertEquals(en.get("oidc-usermodel-attribute-mapper").get("name"), ru.get("oidc-usermodel-attribute-mapper").get("name"),
                    "Keycloak's own mappers are as Keycloak names them");
        } finally {
            russian.setInternationalizationEnabled(Boolean.TRUE.equals(before.isInternationalizationEnabled()));
            russian.setSupportedLocales(before.getSupportedLocales() == null ? java.util.Set.of() : before.getSupportedLocales());
            russian.setDefaultLocale(before.getDefaultLocale());
            master.update(russian);
        }
    }

    /** The OIDC protocol mapper types of {@code GET /admin/serverinfo} for an admin whose browser asks for {@code language}, by id. */
    private Map<String, JsonNode> mapperTypes(String language) throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(env.keycloak().baseUrl() + "/admin/serverinfo"))
                .header("Authorization", "Bearer " + env.keycloakAdmin().tokenManager().getAccessTokenString())
                .header("Accept-Language", language).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Map<String, JsonNode> types = new java.util.HashMap<>();
        StaffApi.json(r).get("protocolMapperTypes").get("openid-connect").forEach(t -> types.put(t.get("id").asText(), t));
        return types;
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
