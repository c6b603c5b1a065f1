package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.ws.rs.WebApplicationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.schoolesia.emulator.Fault;
import org.jsoup.nodes.Element;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Everything that must end an ESIA login: each case shows the person a clear page in Russian,
 * tells the operator the cause in the log, and creates no user. The logins are those of persons
 * linked to demo accounts (1000000001 parent, 1000000003 staff), which would otherwise succeed.
 */
@ExtendWith(KeycloakExtension.class)
class EsiaRefusalIT {

    private final TestEnvironment env;
    private int logMark;
    private int usersBefore;

    EsiaRefusalIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void freshRealm() throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        logMark = env.keycloak().logLineCount();
        usersBefore = env.realmAdmin().userCount();
    }

    @AfterEach
    void noFaultsLeft() {
        env.emulator().faults().reset();
    }

    static Stream<Arguments> esiaMisbehaviours() {
        return Stream.of(
                Arguments.of(Fault.ID_TOKEN_BAD_SIGNATURE, null, "не удалось проверить", "BAD_SIGNATURE"),
                Arguments.of(Fault.ID_TOKEN_WRONG_ISSUER, null, "не удалось проверить", "WRONG_ISSUER"),
                Arguments.of(Fault.ID_TOKEN_WRONG_AUDIENCE, null, "не удалось проверить", "WRONG_AUDIENCE"),
                Arguments.of(Fault.ID_TOKEN_EXPIRED, null, "не удалось проверить", "EXPIRED"),
                // The person API refuses an oid the access token was not issued for.
                Arguments.of(Fault.ID_TOKEN_SUB_MISMATCH, null, "Не удалось получить ваши данные", "HTTP 403"),
                Arguments.of(Fault.TOKEN_STATE_MISMATCH, null, "не удалось проверить", "state that is not the one of our request"),
                Arguments.of(Fault.TOKEN_ERROR, "007011", "Время на вход истекло", "007011"),
                Arguments.of(Fault.PERSON_MALFORMED, null, "Не удалось получить ваши данные", "not usable"),
                Arguments.of(Fault.PERSON_OVERSIZED, null, "Не удалось получить ваши данные", "larger than 1048576 bytes"),
                Arguments.of(Fault.PERSON_SERVER_ERROR, null, "Не удалось получить ваши данные", "HTTP 500"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("esiaMisbehaviours")
    void refusedWithAClearPageAndNothingCreated(Fault fault, String arg, String userMessage, String logHint) {
        env.emulator().faults().arm(fault, arg);
        Browser.Page page = new EsiaFlow(env).loginAs("1000000001", "parent");
        assertRefused(page, 502, userMessage, logHint);
    }

    @Test
    void personApiTimeoutEndsTheLoginInsteadOfHanging() {
        env.updateEsiaConfig(Map.of("esiaHttpTimeoutMillis", "1500"));
        env.emulator().faults().arm(Fault.PERSON_DELAY, "4000");
        Browser.Page page = new EsiaFlow(env).loginAs("1000000001", "parent");
        assertRefused(page, 502, "не отвечает", "no complete answer within 1500 ms");
    }

    @Test
    void drippingPersonApiEndsAtTheCallDeadlineInsteadOfHanging() {
        // Defect 10: a byte every 200 ms beats any socket timeout; only the call's deadline ends it.
        env.updateEsiaConfig(Map.of("esiaHttpTimeoutMillis", "1500"));
        env.emulator().faults().arm(Fault.PERSON_SLOW_DRIP, "200");
        long start = System.nanoTime();
        Browser.Page page = new EsiaFlow(env).loginAs("1000000001", "parent");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertRefused(page, 502, "не отвечает", "no complete answer within 1500 ms");
        assertTrue(seconds < 20, "the login ended at the deadline, not after the drip (" + seconds + " s)");
    }

    @Test
    void settingsOutsideTheirBoundsAreRefusedOnSave() {
        IdentityProviderResource esia = env.realmAdmin().realm().identityProviders().get("esia");
        Map<List<String>, String> cases = Map.of(
                List.of("esiaHttpTimeoutMillis", "0"), "ESIA call deadline (ms) must be from 500 to 60000",
                List.of("esiaTokenLeewaySeconds", "86400"), "Clock leeway for tokens (s) must be from 0 to 300",
                List.of("signerTimeoutMillis", "0"), "Signing service deadline (ms) must be from 500 to 60000",
                List.of("esiaForwardedParameters", "role=a b|c!"), "Forwarded login parameter 'b|c!'");
        cases.forEach((bad, message) -> {
            IdentityProviderRepresentation idp = esia.toRepresentation();
            idp.getConfig().put(bad.get(0), bad.get(1));
            // The admin API's answer is the point: 400 with the setting's own message.
            WebApplicationException refused = assertThrows(WebApplicationException.class, () -> esia.update(idp), bad.toString());
            String body = refused.getResponse().readEntity(String.class);
            assertEquals(400, refused.getResponse().getStatus(), bad + ": " + body);
            assertTrue(body.contains(message), bad + ": " + body);
        });
        assertEquals("5000", esia.toRepresentation().getConfig().get("esiaHttpTimeoutMillis"), "nothing was saved");
    }

    @Test
    void esiaErrorAtAuthorizationIsExplained() {
        env.emulator().faults().arm(Fault.AUTHORIZE_ERROR, "007008");
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page page = flow.chooseEsia(flow.openLoginPage());
        assertRefused(page, 502, "перегружен", "007008");
    }

    @Test
    void anEnglishBrowserGetsTheEnglishPage() {
        env.emulator().faults().arm(Fault.PERSON_SERVER_ERROR);
        EsiaFlow flow = new EsiaFlow(env);
        flow.browser().language("en");
        Browser.Page page = flow.loginAs("1000000001", "parent");
        assertEquals(502, page.status());
        assertTrue(page.text().contains("Your data could not be read from Gosuslugi"), page.text());
        assertEquals(usersBefore, env.realmAdmin().userCount());
    }

    @Test
    void personWhoDeclinesAtEsiaIsBackOnTheLoginPage() {
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page page = flow.chooseEsia(flow.openLoginPage()).submit("#deny");
        assertEquals(200, page.status(), page.text());
        for (String role : List.of("parent", "student", "staff")) {
            assertNotNull(page.document().selectFirst("#school-esia-role-" + role), "expected the login page again: " + page.text());
        }
        assertEquals(usersBefore, env.realmAdmin().userCount());
    }

    @Test
    void tamperedClientSecretIsRefusedByEsia() {
        String authorize = authorizeUrl();
        Matcher secret = Pattern.compile("client_secret=([^&]+)").matcher(authorize);
        assertTrue(secret.find());
        String original = secret.group(1);
        String tampered = (original.charAt(10) == 'A' ? 'B' : 'A') + "";
        Browser.Page page = lastBrowser.open(authorize.replace(original, original.substring(0, 10) + tampered + original.substring(11)));
        assertRefused(page, 502, "не принял сертификат или подпись", "007053");
    }

    @Test
    void staleTimestampIsRefusedByEsia() {
        String authorize = authorizeUrl();
        Matcher timestamp = Pattern.compile("timestamp=([^&]+)").matcher(authorize);
        assertTrue(timestamp.find());
        String old = ZonedDateTime.now(ZoneId.of("Europe/Moscow")).minusMinutes(20)
                .format(DateTimeFormatter.ofPattern("yyyy.MM.dd HH:mm:ss Z"));
        String encoded = URLEncoder.encode(old, StandardCharsets.UTF_8).replace("+", "%20");
        assertTrue(URLDecoder.decode(timestamp.group(1), StandardCharsets.UTF_8).contains("+0300"), "timestamp must carry the offset: " + timestamp.group(1));
        Browser.Page page = lastBrowser.open(authorize.replace("timestamp=" + timestamp.group(1), "timestamp=" + encoded));
        assertRefused(page, 502, "не совпадает время", "007015");
    }

    @Test
    void unregisteredCertificateIsRefusedByEsiaAndTheAdminSeesItsHash() throws Exception {
        String registeredHash = env.esiaConfig().get("esiaClientCertificateHash").asText();
        assertTrue(registeredHash.matches("[0-9A-F]{64}"), registeredHash);
        env.updateEsiaConfig(Map.of(
                "signerKey", Files.readString(env.realmConfig().resolve("keys/client-gost-other.key.pem")),
                "signerCertificate", Files.readString(env.realmConfig().resolve("keys/client-gost-other.crt.pem"))));
        String otherHash = env.esiaConfig().get("esiaClientCertificateHash").asText();
        assertNotEquals(registeredHash, otherHash, "the computed hash must follow the certificate");

        EsiaFlow flow = new EsiaFlow(env);
        // The picker never shows: ESIA refuses the request outright.
        Browser.Page page = flow.chooseEsia(flow.openLoginPage());
        assertRefused(page, 502, "не принял сертификат или подпись", "007053");
    }

    @Test
    void unreadableSigningKeyTellsTheUserWhoCanFixIt() {
        env.updateEsiaConfig(Map.of("signerKey", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"));
        EsiaFlow flow = new EsiaFlow(env);
        Browser.Page page = flow.chooseEsia(flow.openLoginPage());
        assertRefused(page, 500, "из-за настройки системы", "could not be signed");
        assertTrue(!page.body().contains("bm90IGEga2V5"), "key material never reaches the page");
    }

    @Test
    void replayedCallbackIsRefused() {
        Browser browser = new Browser(url -> url.contains("/broker/esia/endpoint") || url.startsWith(DemoRealm.CLIENT_REDIRECT));
        String callback = callbackUrl(browser);
        Browser.Page first = browser.open(callback);
        assertTrue(first.isRedirect() && first.location().startsWith(DemoRealm.CLIENT_REDIRECT), first.text());
        int users = env.realmAdmin().userCount();

        Browser.Page replay = browser.open(callback);
        assertEquals(400, replay.status());
        assertTrue(replay.text().contains("устарела или уже была использована"), replay.text());
        assertEquals(users, env.realmAdmin().userCount());
    }

    @Test
    void callbackFromAnotherBrowserIsRefused() {
        Browser victim = new Browser(url -> url.contains("/broker/esia/endpoint") || url.startsWith(DemoRealm.CLIENT_REDIRECT));
        String callback = callbackUrl(victim);
        Browser attacker = new Browser(url -> url.startsWith(DemoRealm.CLIENT_REDIRECT));
        Browser.Page page = attacker.open(callback);
        assertTrue(page.status() >= 400, "a foreign browser must not complete the login: " + page.status() + " " + page.text());
        assertEquals(usersBefore, env.realmAdmin().userCount());
    }

    private Browser lastBrowser;

    /** Starts a login and returns the signed authorization URL Keycloak sends the browser to. */
    private String authorizeUrl() {
        // The role button (R-ESIA-2) is a link to Keycloak's broker login, which sends the browser on to ESIA.
        lastBrowser = new Browser(url -> url.startsWith(DemoRealm.CLIENT_REDIRECT));
        Element button = lastBrowser.open(env.clientLoginUrl()).document().selectFirst("a#school-esia-role-parent");
        assertNotNull(button, "no role button on the login page");
        String brokerLogin = button.absUrl("href");
        assertTrue(brokerLogin.contains("/broker/esia/login"), "expected the role button to start the ESIA login: " + brokerLogin);
        Browser.Page toEsia = lastBrowser.openOnce(brokerLogin);
        assertTrue(toEsia.isRedirect() && toEsia.location().startsWith(env.emulator().baseUrl() + "/aas/oauth2/v2/ac?"),
                "expected a redirect to ESIA: " + toEsia.status() + " " + toEsia.location());
        return toEsia.location();
    }

    /** Runs a login up to ESIA's redirect back to Keycloak and returns that URL, unopened. */
    private String callbackUrl(Browser browser) {
        Browser.Page login = browser.open(env.clientLoginUrl());
        // Смирнов Олег, linked to the staff account smirnov.oleg: the callback ends at the application.
        Browser.Page picker = login.follow("#school-esia-role-staff");
        assertEquals(200, picker.status(), "expected the emulator's person picker: " + picker.text());
        Browser.Page back = picker.submit("#person-1000000003");
        assertTrue(back.isRedirect() && back.location().contains("/broker/esia/endpoint"), back.status() + " " + back.location());
        return back.location();
    }

    private void assertRefused(Browser.Page page, int status, String userMessage, String logHint) {
        assertEquals(status, page.status(), "status of: " + page.text());
        assertTrue(page.text().contains(userMessage), "expected «" + userMessage + "» on: " + page.text());
        assertTrue(page.document().select("html").attr("lang").startsWith("ru"), "page must be Russian");
        assertTrue(!page.body().contains("Exception") && !page.body().contains("at org."), "no stack trace for users");
        assertEquals(usersBefore, env.realmAdmin().userCount(), "nothing may be created");
        List<String> log = env.keycloak().logLinesFrom(logMark);
        assertTrue(log.stream().anyMatch(l -> l.contains(logHint)), "the log must explain the failure (" + logHint + "):\n" + String.join("\n", log));
    }
}
