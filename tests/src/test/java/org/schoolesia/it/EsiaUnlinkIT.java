package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.RealmResource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Defect 5 (issue 10): an unlink sticks. Пётр Иванов (ESIA 1000000002) is linked to ivanov.petr by
 * the SNILS rule, the card keeping the SNILS ESIA gave; after a staff or admin-console unlink his
 * next ESIA login links nothing until a staff member authorises the card or links his oid again
 * (R-LINK-4), and the sessions opened through the link, offline ones included, are over. Пётр's own
 * unlink in Keycloak's account console (its REST call, and the «Связанные учетные записи» page in Chromium)
 * sticks the same way and ends his offline sessions.
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

    @Test
    void defect5_selfUnlinkInTheAccountConsoleSticksAndEndsOfflineSessions() throws Exception {
        String offline = offlineLoginOfPetr().get("refresh_token").asText();
        assertEquals("linked", staffLink().path("status").asText(), "linked by SNILS, as staff see it");

        // Пётр opens «Связанные учетные записи» in Keycloak's account console and removes Госуслуги, as the console does it.
        String token = accountConsoleTokenOfPetr();
        HttpResponse<String> unlinked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        env.keycloak().realmUrl(DemoRealm.NAME) + "/account/linked-accounts/esia"))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, unlinked.statusCode(), unlinked.body());

        assertSelfUnlinkStuck(offline);
    }

    @Test
    void defect5_selfUnlinkOnTheAccountConsolesLinkedAccountsPageInChromium() throws Exception {
        String offline = offlineLoginOfPetr().get("refresh_token").asText();
        assertEquals("linked", staffLink().path("status").asText(), "linked by SNILS, as staff see it");

        WebDriver chromium = Phone.start();
        try {
            // «Связанные учетные записи»: the console sends him to the login page, he enters through Госуслуги as a pupil.
            chromium.get(env.keycloak().realmUrl(DemoRealm.NAME) + "/account/account-security/linked-accounts");
            Phone.waitFor(chromium, d -> !d.findElements(By.id("school-esia-role-student")).isEmpty());
            chromium.findElement(By.id("school-esia-role-student")).click();
            Phone.waitFor(chromium, d -> !d.findElements(By.id("person-" + PETR_OID)).isEmpty());
            chromium.findElement(By.id("person-" + PETR_OID)).click();
            Phone.waitFor(chromium, d -> !d.findElements(By.id("esia-idp-unlink")).isEmpty());
            Phone.screenshot(chromium, "unlink-01-linked-accounts");
            chromium.findElement(By.id("esia-idp-unlink")).click();
            // The console lists Госуслуги again, now to link.
            Phone.waitFor(chromium, d -> !d.findElements(By.id("esia-idp-link")).isEmpty());
            Phone.screenshot(chromium, "unlink-02-unlinked");
        } finally {
            chromium.quit();
        }
        assertSelfUnlinkStuck(offline);
    }

    /** After Пётр's own unlink: staff see no link, his offline session is over, the next ESIA login links nothing. */
    private void assertSelfUnlinkStuck(String offline) throws Exception {
        assertEquals("none", staffLink().path("status").asText(), "the link is gone from our table");
        assertEquals(400, refresh(offline).statusCode(), "the offline session ended with the link");
        assertEquals(0, env.realmAdmin().userById(PETR).getOfflineSessions(diaryClientId()).size());
        assertNotLinkedAgain();
    }

    /**
     * What Keycloak's account console holds after Пётр logs in to it through ESIA: its public client
     * {@code account-console}, the authorisation code with PKCE (S256), redeemed without a secret.
     */
    private String accountConsoleTokenOfPetr() throws Exception {
        String console = env.keycloak().realmUrl(DemoRealm.NAME) + "/account/";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Browser browser = new Browser(url -> url.startsWith(console));
        Browser.Page login = browser.open(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/auth?client_id=account-console"
                + "&redirect_uri=" + URLEncoder.encode(console, StandardCharsets.UTF_8) + "&response_type=code&response_mode=query"
                + "&scope=openid&state=console-state&nonce=console-nonce&code_challenge=" + challenge + "&code_challenge_method=S256");
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page back = flow.pickPerson(flow.chooseEsia(login, "student"), PETR_OID);
        assertTrue(back.isRedirect() && back.location().startsWith(console) && back.location().contains("code="),
                back.status() + " " + back.location() + ": " + back.text());
        String code = URLDecoder.decode(back.location().replaceAll(".*[?&]code=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        String form = "grant_type=authorization_code&client_id=account-console&code=" + URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(console, StandardCharsets.UTF_8) + "&code_verifier=" + verifier;
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.keycloak().realmUrl(DemoRealm.NAME)
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokens.statusCode(), tokens.body());
        String access = new ObjectMapper().readTree(tokens.body()).get("access_token").asText();
        assertEquals(PETR, EsiaFlow.claims(access).get("sub").asText());
        return access;
    }

    private JsonNode staffLink() {
        HttpResponse<String> r = api.call("GET", "zavuch.sosh1", api.base() + "/people/" + PETR + "/esia-link", null, "ru");
        assertEquals(200, r.statusCode(), r.body());
        return StaffApi.json(r);
    }

    private String diaryClientId() {
        return env.realmAdmin().client(DemoRealm.CLIENT_ID).toRepresentation().getId();
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
