package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.proc.BadJOSEException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 13, «Claims for relying systems», checked as the demo diary sees them ({@link RelyingSystem}:
 * discovery, code + PKCE, ID tokens validated with Nimbus): a parent with two children (R-FAM-1), a
 * pupil of 14 years 0 days and one of 13 years 364 days (R-AGE-1), a teacher; a revoked link is gone
 * from the next token; none of them carries SNILS or the birth date ({@link PersonalDataScopesIT}).
 */
@ExtendWith(KeycloakExtension.class)
class ClaimsForRelyingSystemsIT {

    private static final String PASSWORD = "Demo-pass-1";
    private static final String MARIA = "00000000-0000-4000-8000-000000000010";
    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String ANNA = "00000000-0000-4000-8000-000000000012";
    /** The demo organisations' zone (R-AGE-1 judges birthdays there). */
    private static final ZoneId SAKHALIN = ZoneId.of("Asia/Sakhalin");

    private final TestEnvironment env;
    private RelyingSystem diary;

    ClaimsForRelyingSystemsIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void demoRealm() throws Exception {
        env.resetRealm();
        diaryIsItsOwnAudience();
        diary = new RelyingSystem(env);
    }

    /** Keycloak introspects a token only for a client in its audience: the diary's back end reads its own tokens. */
    private void diaryIsItsOwnAudience() {
        ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
        audience.setName("diary audience");
        audience.setProtocol("openid-connect");
        audience.setProtocolMapper("oidc-audience-mapper");
        audience.setConfig(Map.of("included.client.audience", DemoRealm.CLIENT_ID, "access.token.claim", "true",
                "lightweight.claim", "true", "introspection.token.claim", "true"));
        env.realmAdmin().client(DemoRealm.CLIENT_ID).getProtocolMappers().createMapper(audience).close();
    }

    @Test
    void r_fam_1_parentWithTwoChildrenSeesRoleOrganisationsAndChildrenInEveryTokenAndAnswer() throws Exception {
        setAttributes(MARIA, Map.of("esiaTrusted", "true", "esiaLevel", "PR"));
        RelyingSystem.Login login = diary.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD);

        JsonNode id = login.idClaims();
        assertEquals(MARIA, id.get("sub").asText());
        assertEquals("parent", id.get("school_role").asText(), id.toString());
        assertEquals(true, id.get("over_14").asBoolean(false));
        assertEquals("confirmed", id.get("esia_trust_level").asText());
        JsonNode children = id.get("school_children");
        assertEquals(2, children.size(), children.toString());
        assertEquals(List.of(PETR, ANNA), List.of(children.get(0).get("id").asText(), children.get(1).get("id").asText()));
        assertEquals("Иванов", children.get(0).get("family_name").asText());
        assertEquals("Пётр", children.get(0).get("given_name").asText());
        assertEquals("Сергеевич", children.get(0).get("middle_name").asText());
        assertEquals("Анна", children.get(1).get("given_name").asText());
        for (JsonNode child : children) {
            List<String> fields = new ArrayList<>();
            child.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("id", "family_name", "given_name", "middle_name"), fields, "ids and names, nothing more: " + child);
        }
        JsonNode organisations = id.get("school_organizations");
        assertEquals("sosh-1-ys", organisations.get("home").get("alias").asText(), organisations.toString());
        assertTrue(organisations.get("home").get("name").asText().contains("СОШ № 1"), organisations.toString());
        List<String> memberOf = new ArrayList<>();
        organisations.get("member_of").forEach(o -> memberOf.add(o.get("alias").asText()));
        assertEquals(List.of("ddut-ys", "ds-15-ys", "sosh-1-ys"), memberOf.stream().sorted().toList());

        // The same claims in the access token, userinfo and introspection; SNILS and birth date in none (152-FZ).
        for (JsonNode answer : List.of(login.accessClaims(), diary.userinfo(login.accessToken()), diary.introspect(login.accessToken()))) {
            for (String claim : List.of("school_role", "school_children", "school_organizations", "over_14", "esia_trust_level")) {
                assertEquals(id.get(claim), answer.get(claim), claim + " in " + answer);
            }
            PersonalDataScopesIT.assertNoPersonalData(answer);
        }
        PersonalDataScopesIT.assertNoPersonalData(id);
    }

    @Test
    void r_age_1_pupilOfFourteenYearsZeroDaysIsOver14AndOneOfThirteenYears364DaysIsNot() throws Exception {
        LocalDate today = LocalDate.now(SAKHALIN);
        setAttributes(PETR, Map.of("birthdate", today.minusYears(14).toString()));
        setAttributes(ANNA, Map.of("birthdate", today.minusYears(14).plusDays(1).toString()));

        JsonNode petr = diary.login(env.browser(), "sosh-1-ys", "ivanov.petr", PASSWORD).idClaims();
        assertEquals("student", petr.get("school_role").asText());
        assertTrue(petr.get("over_14").asBoolean(false), petr.toString());
        assertFalse(petr.has("school_children"), "a pupil has no children claim: " + petr);
        PersonalDataScopesIT.assertNoPersonalData(petr);

        JsonNode anna = diary.login(env.browser(), "ds-15-ys", "ivanova.anna", PASSWORD).idClaims();
        assertEquals("student", anna.get("school_role").asText());
        assertTrue(anna.get("over_14").isBoolean() && !anna.get("over_14").asBoolean(), anna.toString());
        assertEquals("ds-15-ys", anna.get("school_organizations").get("home").get("alias").asText());
        assertFalse(anna.has("esia_trust_level"), "never through Госуслуги: no trust level: " + anna);
    }

    @Test
    void r_age_1_unknownBirthDateLeavesOver14Out() throws Exception {
        setAttributes(PETR, Map.of("birthdate", ""));
        JsonNode petr = diary.login(env.browser(), "sosh-1-ys", "ivanov.petr", PASSWORD).idClaims();
        assertFalse(petr.has("over_14"), "never guessed: " + petr);
        assertEquals("student", petr.get("school_role").asText());
    }

    @Test
    void teacherIsStaffWithHisSchoolAndNoChildren() throws Exception {
        JsonNode oleg = diary.login(env.browser(), "sosh-2-korsakov", "smirnov.oleg", PASSWORD).idClaims();
        assertEquals("staff", oleg.get("school_role").asText(), oleg.toString());
        assertEquals("sosh-2-korsakov", oleg.get("school_organizations").get("home").get("alias").asText());
        assertEquals(1, oleg.get("school_organizations").get("member_of").size());
        assertFalse(oleg.has("school_children"));
        assertTrue(oleg.get("over_14").asBoolean(false));
        PersonalDataScopesIT.assertNoPersonalData(oleg);
    }

    @Test
    void r_fam_1_aRevokedLinkIsGoneFromTheNextToken() throws Exception {
        RelyingSystem.Login login = diary.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD);
        assertEquals(2, login.idClaims().get("school_children").size());

        StaffApi staff = new StaffApi(env);
        staff.createTestClient();
        String links = staff.base() + "/people/" + ANNA + "/family-links";
        HttpResponse<String> listed = staff.call("GET", "vospitatel.ds15", links, null, "ru");
        assertEquals(200, listed.statusCode(), listed.body());
        String linkId = null;
        for (JsonNode link : StaffApi.json(listed).get("items")) {
            if (MARIA.equals(link.get("parent").get("id").asText()) && link.get("active").asBoolean()) {
                linkId = link.get("id").asText();
            }
        }
        assertNotNull(linkId, listed.body());
        HttpResponse<String> revoked = staff.call("DELETE", "vospitatel.ds15", links + "/" + linkId, null, "ru");
        assertEquals(200, revoked.statusCode(), revoked.body());

        RelyingSystem.Login next = diary.refresh(login);
        JsonNode children = next.idClaims().get("school_children");
        assertEquals(1, children.size(), children.toString());
        assertEquals(PETR, children.get(0).get("id").asText());
        assertEquals(children, next.accessClaims().get("school_children"));
        assertEquals(children, diary.userinfo(next.accessToken()).get("school_children"));
    }

    @Test
    void idTokenValidationRefusesAWrongNonceAndAForeignSignature() throws Exception {
        RelyingSystem.Login login = diary.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD);
        String idToken = login.tokens().get("id_token").asText();
        assertThrows(BadJOSEException.class, () -> diary.validate(idToken, "another-nonce"));
        String[] parts = idToken.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThrows(Exception.class, () -> diary.validate(tampered, login.nonce()));
        assertEquals(MARIA, diary.validate(idToken, login.nonce()).getSubject());
    }

    @Test
    void lightweightAccessTokenCarriesOnlyTheClaimsMarkedForIt() throws Exception {
        ClientResource client = env.realmAdmin().client(DemoRealm.CLIENT_ID);
        ClientRepresentation representation = client.toRepresentation();
        representation.getAttributes().put("client.use.lightweight.access.token.enabled", "true");
        client.update(representation);
        ProtocolMapperRepresentation role = client.getProtocolMappers().getMappers().stream()
                .filter(m -> "school-role-claim".equals(m.getProtocolMapper())).findFirst().orElseThrow();
        role.getConfig().put("lightweight.claim", "true");
        client.getProtocolMappers().update(role.getId(), role);

        RelyingSystem.Login login = diary.login(env.browser(), "sosh-1-ys", "ivanova.maria", PASSWORD);
        assertEquals("parent", login.accessClaims().get("school_role").asText(), login.accessClaims().toString());
        assertFalse(login.accessClaims().has("school_children"), login.accessClaims().toString());
        assertFalse(login.accessClaims().has("school_organizations"));
        // The ID token and introspection still carry all of them (Keycloak refuses lightweight tokens at userinfo).
        assertEquals(2, login.idClaims().get("school_children").size());
        assertEquals(2, diary.introspect(login.accessToken()).get("school_children").size());
    }

    // --- helpers -------------------------------------------------------------------------------------

    private void setAttributes(String userId, Map<String, String> values) {
        UserRepresentation user = env.realmAdmin().userById(userId).toRepresentation();
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes());
        values.forEach((name, value) -> {
            if (value.isEmpty()) {
                attributes.remove(name);
            } else {
                attributes.put(name, List.of(value));
            }
        });
        user.setAttributes(attributes);
        env.realmAdmin().userById(userId).update(user);
    }
}
