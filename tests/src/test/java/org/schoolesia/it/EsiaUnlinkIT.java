package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defect 5 (issue 10): an unlink sticks. Пётр Иванов (ESIA 1000000002) is linked to ivanov.petr by
 * the SNILS rule, the card keeping the SNILS ESIA gave; after a staff or admin-console unlink his
 * next ESIA login links nothing until a staff member authorises the card or links his oid again
 * (R-LINK-4), and the sessions opened through the link, offline ones included, are over.
 */
@ExtendWith(KeycloakExtension.class)
class EsiaUnlinkIT {

    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String PETR_OID = "1000000002";

    private final TestEnvironment env;
    private final StaffApi api;

    EsiaUnlinkIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        api.createTestClient();
    }

    @AfterEach
    void demoRealmForOthers() throws Exception {
        env.resetRealm();
    }

    @Test
    void defect5_staffUnlinkIsNotUndoneBySnilsAndEndsOfflineSessions() throws Exception {
        String offline = offlineLoginOfPetr().get("refresh_token").asText();
        assertEquals(200, staff("DELETE", null).statusCode());

        assertEquals(400, refresh(offline).statusCode(), "the offline session ended with the link");
        assertNotLinkedAgain();
        // A new staff authorisation on the card is what the pair needs now.
        assertEquals(200, staff("PUT", "{}").statusCode());
        assertGetsIn();
    }

    @Test
    void defect5_adminConsoleUnlinkSticksAndEndsSessions() throws Exception {
        String offline = offlineLoginOfPetr().get("refresh_token").asText();
        env.realmAdmin().userById(PETR).removeFederatedIdentity("esia");

        assertEquals(0, env.realmAdmin().sessionCount(PETR), "online sessions ended");
        assertEquals(400, refresh(offline).statusCode(), "the offline session ended too");
        assertNotLinkedAgain();
        // A staff link by oid clears the memory of the unlink as an authorisation does.
        assertEquals(200, staff("PUT", "{\"esiaOid\":\"" + PETR_OID + "\"}").statusCode());
        assertGetsIn();
    }

    /** SNILS auto-link, asking the diary for an offline token; returns the tokens after checking the offline one works. */
    private JsonNode offlineLoginOfPetr() throws Exception {
        // Demo accounts do not hold Keycloak's offline_access role: an application that keeps tokens needs it.
        RealmResource realm = env.realmAdmin().realm();
        realm.users().get(PETR).roles().realmLevel().add(List.of(realm.roles().get("offline_access").toRepresentation()));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page login = flow.browser().open(env.clientLoginUrl().replace("scope=openid", "scope=openid+offline_access"));
        Browser.Page in = flow.pickPerson(flow.chooseEsia(login, "student"), PETR_OID);
        JsonNode tokens = flow.redeem(EsiaFlow.codeFrom(in));
        assertEquals("Offline", EsiaFlow.claims(tokens.get("refresh_token").asText()).path("typ").asText(), tokens.toString());
        assertEquals(PETR, EsiaFlow.claims(tokens.get("id_token").asText()).get("sub").asText());
        HttpResponse<String> refreshed = refresh(tokens.get("refresh_token").asText());
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        return tokens;
    }

    private void assertNotLinkedAgain() {
        Browser.Page again = new EsiaFlow(env).loginAs(PETR_OID, "student");
        assertFalse(EsiaAccountLinkIT.isCode(again), "linked again by SNILS: " + again.location());
        EsiaAccountLinkIT.assertPage("unidentified", again);
        assertTrue(env.realmAdmin().links(PETR).isEmpty());
    }

    private void assertGetsIn() {
        Browser.Page in = new EsiaFlow(env).loginAs(PETR_OID, "student");
        assertTrue(EsiaAccountLinkIT.isCode(in), in.status() + " " + in.location() + ": " + in.text());
    }

    private HttpResponse<String> staff(String method, String body) {
        HttpResponse<String> r = api.call(method, "zavuch.sosh1", api.base() + "/people/" + PETR + "/esia-link", body, "ru");
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private HttpResponse<String> refresh(String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&client_id=" + DemoRealm.CLIENT_ID + "&client_secret=" + DemoRealm.CLIENT_SECRET
                + "&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME)
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
