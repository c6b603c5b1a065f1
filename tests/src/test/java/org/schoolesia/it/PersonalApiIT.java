package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 11, «Персональные настройки» as data: {@code GET /realms/{realm}/school/me} answers the
 * caller's own Госуслуги link, access requests and organisations, and nothing of anyone else;
 * tokens must be meant for the personal API (security rule 4); nothing is cached; no oid in full,
 * no SNILS or birth date in clear.
 */
@ExtendWith(KeycloakExtension.class)
class PersonalApiIT {

    private final TestEnvironment env;
    private PersonalApi api;

    PersonalApiIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api = new PersonalApi(env);
        api.createTestClient();
    }

    @Test
    void linkedParentSeesHerLinkWithTheOidMaskedAndHerOrganisations_R_LINK_2() {
        HttpResponse<String> r = api.get(api.token("ivanova.maria"), "", "ru");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        JsonNode me = StaffApi.json(r);
        assertEquals("ivanova.maria", me.get("person").get("username").asText());
        assertEquals("parent", me.get("person").get("role").asText());
        List<String> ids = new ArrayList<>();
        me.get("sections").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("esia", "requests", "organisations", "children", "child-access", "certificate"), ids, "the sections in their order");
        assertEquals("personal.esia.title", me.get("sections").get(0).get("titleKey").asText());

        JsonNode esia = PersonalApi.section(me, "esia");
        assertEquals("linked", esia.get("status").asText());
        assertEquals("import", esia.get("method").asText(), "the demo's link came with the realm");
        assertEquals("*******001", esia.get("oidMasked").asText());
        assertTrue(esia.get("howToKey").isNull());
        assertFalse(r.body().contains("1000000001"), "never the oid in full: " + r.body());
        assertFalse(r.body().contains("11223344595") || r.body().contains("1986-03-14"), "no SNILS or birth date: " + r.body());

        JsonNode orgs = PersonalApi.section(me, "organisations").get("items");
        assertEquals("sosh-1-ys", orgs.get(0).get("alias").asText(), "the home organisation first: " + orgs);
        assertTrue(orgs.get(0).get("home").asBoolean());
        assertEquals("school", orgs.get(0).get("type").asText());
        assertEquals("parent", orgs.get(0).get("role").asText());
        assertEquals(3, orgs.size(), "school № 1, the ДДЮТ and kindergarten № 15: " + orgs);
        assertEquals(0, PersonalApi.section(me, "requests").get("items").size());
    }

    @Test
    void unlinkedMotherWithoutEmailSeesHerPendingRequestAndTheRejectionComment_R_REQ_4() {
        PersonalFixtures.Requests filed = PersonalFixtures.unlinkedMotherWithTwoRequests(env);
        // Another parent's request to the same school: never hers.
        String other = AccessRequestFlow.fileRequest(env, env.browser(), "1000000011", "parent", "sosh-1-ys", "5Б", "1000000012", null);

        JsonNode me = api.me(PersonalFixtures.UNLINKED_MOTHER);
        JsonNode requests = PersonalApi.section(me, "requests");
        assertEquals(2, requests.get("items").size(), requests.toString());
        assertEquals(filed.pending(), requests.get("items").get(0).get("number").asText(), "newest first");
        JsonNode pending = PersonalFixtures.request(requests, filed.pending());
        assertEquals("pending", pending.get("status").asText());
        assertEquals("ddut-ys", pending.get("organization").get("alias").asText());
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", pending.get("organization").get("name").asText());
        assertTrue(pending.get("decisionComment").isNull());
        assertTrue(pending.get("decidedAt").isNull());
        JsonNode rejected = PersonalFixtures.request(requests, filed.rejected());
        assertEquals("rejected", rejected.get("status").asText());
        assertEquals(PersonalFixtures.REJECTION, rejected.get("decisionComment").asText(), "as typed, shown as text by the page");
        assertEquals("1А", rejected.get("className").asText());
        assertEquals("Соколова Вера", rejected.get("childName").asText());
        assertEquals("parent", rejected.get("role").asText());
        assertNotNull(rejected.get("decidedAt").textValue());
        assertFalse(me.toString().contains(other), "another person's request");
        assertFalse(me.toString().contains("17654321985") || me.toString().contains("1988-03-12"), "no SNILS, no birth date: " + me);

        JsonNode esia = PersonalApi.section(me, "esia");
        assertEquals("none", esia.get("status").asText());
        assertEquals("personal.esia.howTo.request", esia.get("howToKey").asText());
        assertTrue(esia.get("oidMasked").isNull());

        // Her requests are hers alone: not the linked mother's, not the daughter's named in them, not staff's.
        for (String someoneElse : List.of("ivanova.maria", "sokolova.vera", "zavuch.sosh1")) {
            String body = api.me(someoneElse).toString();
            assertFalse(body.contains(filed.pending()) || body.contains(filed.rejected()), someoneElse + " sees her requests: " + body);
        }
    }

    @Test
    void anUnlinkFromThatEsiaPersonHidesItsRequests_defect5() {
        PersonalFixtures.Requests filed = PersonalFixtures.unlinkedMotherWithTwoRequests(env);
        assertEquals(2, PersonalApi.section(api.me(PersonalFixtures.UNLINKED_MOTHER), "requests").get("items").size());
        // Staff decide her account is not that Госуслуги person: link it by oid, then unlink (the pair is remembered).
        StaffApi staff = PersonalFixtures.staffApi(env);
        String id = staff.userId(PersonalFixtures.UNLINKED_MOTHER);
        assertEquals(200, staff.call("PUT", "zavuch.sosh1", staff.base() + "/people/" + id + "/esia-link",
                java.util.Map.of("esiaOid", PersonalFixtures.MOTHER_OID), "ru").statusCode());
        JsonNode linked = api.me(PersonalFixtures.UNLINKED_MOTHER);
        assertEquals("staff", PersonalApi.section(linked, "esia").get("method").asText());
        assertEquals(2, PersonalApi.section(linked, "requests").get("items").size(), "by her linked ESIA person");
        assertEquals(200, staff.call("DELETE", "zavuch.sosh1", staff.base() + "/people/" + id + "/esia-link", null, "ru").statusCode());
        JsonNode unlinked = api.me(PersonalFixtures.UNLINKED_MOTHER);
        assertEquals(0, PersonalApi.section(unlinked, "requests").get("items").size(), "unlinked from that person: " + unlinked);
        assertFalse(unlinked.toString().contains(filed.rejected()));
    }

    @Test
    void pupilSeesHisClassAndStaffSeeTheirPositionAndWhoLinksThem() {
        PersonalFixtures.pupilInClass(env, "ivanov.petr", "sosh-1-ys", "5Б");
        JsonNode pupil = api.me("ivanov.petr");
        assertEquals("student", pupil.get("person").get("role").asText());
        JsonNode orgs = PersonalApi.section(pupil, "organisations").get("items");
        assertEquals("sosh-1-ys", orgs.get(0).get("alias").asText());
        assertEquals("[\"5Б\"]", orgs.get(0).get("classes").toString());
        assertEquals("ddut-ys", orgs.get(1).get("alias").asText(), "the ОДО that enrolled him (R-ODO-1)");
        assertFalse(orgs.get(1).get("home").asBoolean());
        assertEquals("none", PersonalApi.section(pupil, "esia").get("status").asText());

        JsonNode staff = api.me("zavuch.sosh1");
        JsonNode org = PersonalApi.section(staff, "organisations").get("items").get(0);
        assertEquals("staff", org.get("role").asText());
        assertEquals("[\"завуч\"]", org.get("positions").toString());
        assertEquals("personal.esia.howTo.staff", PersonalApi.section(staff, "esia").get("howToKey").asText());

        HttpResponse<String> one = api.get(api.token("zavuch.sosh1"), "/sections/organisations", "en");
        assertEquals(200, one.statusCode(), one.body());
        assertEquals("organisations", StaffApi.json(one).get("id").asText());
        assertEquals("no-store", one.headers().firstValue("Cache-Control").orElse(null));
        HttpResponse<String> unknown = api.get(api.token("zavuch.sosh1"), "/sections/certificate", "en");
        assertEquals(404, unknown.statusCode(), "staff get no certificate section (issue 13)");
        assertEquals("not_found", StaffApi.json(unknown).get("error").asText());
    }

    @Test
    void noTokenOrAnotherApplicationsTokenIsRefused() {
        HttpResponse<String> none = api.get(null, "", "en");
        assertEquals(401, none.statusCode());
        assertEquals("unauthorized", StaffApi.json(none).get("error").asText());
        assertEquals("Please sign in.", StaffApi.json(none).get("message").asText());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals("no-store", none.headers().firstValue("Cache-Control").orElse(null));

        // The staff page's audience is not the personal API's; nor is a relying system's token.
        StaffApi staff = new StaffApi(env);
        staff.createTestClient();
        assertEquals(401, api.get(staff.token("zavuch.sosh1"), "", "ru").statusCode());
        env.realmAdmin().createClient(StaffApi.directGrantClient("vendor-system", "vendor-secret"));
        HttpResponse<String> foreign = api.get(api.token("vendor-system", "vendor-secret", "ivanova.maria"), "", "ru");
        assertEquals(401, foreign.statusCode());
        assertEquals("Требуется вход в систему.", StaffApi.json(foreign).get("message").asText());
        assertEquals(401, api.get("not-a-token", "", "ru").statusCode());
    }

    @Test
    void theDemoRealmHasThePagesClient() {
        assertPersonalClient(env.realmAdmin().realm().clients().findByClientId("school-personal").get(0));
        assertEquals("school", env.realmAdmin().realm().toRepresentation().getAccountTheme());
        // An older realm gets it at start: EarlierVersionAtStartIT.
    }

    static void assertPersonalClient(ClientRepresentation client) {
        assertTrue(client.isPublicClient());
        assertTrue(client.isStandardFlowEnabled());
        assertFalse(client.isDirectAccessGrantsEnabled());
        assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));
        assertEquals(List.of("/realms/school-demo/school/personal/*"), client.getRedirectUris());
        ProtocolMapperRepresentation audience = client.getProtocolMappers().stream()
                .filter(m -> "oidc-audience-mapper".equals(m.getProtocolMapper())).findFirst().orElseThrow();
        assertEquals(PersonalApi.AUDIENCE, audience.getConfig().get("included.custom.audience"));
    }
}
