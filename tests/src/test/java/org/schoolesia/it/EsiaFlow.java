package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.nodes.Element;
import org.schoolesia.it.pages.EsiaEmulatorPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The steps of an ESIA login as the demo relying application and a person at the emulator see them,
 * over HTTP; the selectors are the page objects' ({@code org.schoolesia.it.pages}).
 */
final class EsiaFlow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestEnvironment env;
    private final Browser browser;

    EsiaFlow(TestEnvironment env) {
        this.env = env;
        this.browser = env.browser();
    }

    Browser browser() {
        return browser;
    }

    /** The relying application sends the browser to Keycloak's login page. */
    Browser.Page openLoginPage() {
        Browser.Page page = browser.open(env.clientLoginUrl());
        assertEquals(200, page.status(), page.text());
        return page;
    }

    /** «Вход для родителей / учащихся / педагогов и сотрудников» (R-ESIA-2): through Keycloak to the emulator's person picker. */
    Browser.Page chooseEsia(Browser.Page loginPage, String role) {
        Element button = loginPage.document().selectFirst(LoginPage.roleButton(role));
        assertNotNull(button, "no ESIA role button '" + role + "' on the login page: " + loginPage.text());
        return loginPage.follow(LoginPage.roleButton(role));
    }

    Browser.Page chooseEsia(Browser.Page loginPage) {
        return chooseEsia(loginPage, "parent");
    }

    Browser.Page pickPerson(Browser.Page picker, String oid) {
        assertEquals(200, picker.status(), "expected the emulator's person picker: " + picker.text());
        return picker.submit(EsiaEmulatorPage.personButton(oid));
    }

    /** The whole login with a role; returns the last page (the redirect to the application, or a page of ours). */
    Browser.Page loginAs(String oid, String role) {
        return pickPerson(chooseEsia(openLoginPage(), role), oid);
    }

    Browser.Page loginAs(String oid) {
        return loginAs(oid, "parent");
    }

    static String codeFrom(Browser.Page redirect) {
        assertTrue(redirect.isRedirect() && redirect.location().startsWith(DemoRealm.CLIENT_REDIRECT),
                "expected a redirect to the application, got " + redirect.status() + " " + redirect.url() + ": " + redirect.text());
        String query = URI.create(redirect.location()).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no code in " + redirect.location());
    }

    /** The relying application redeems its code, as any OIDC client does. */
    JsonNode redeem(String code) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", DemoRealm.CLIENT_REDIRECT);
        form.put("client_id", DemoRealm.CLIENT_ID);
        form.put("client_secret", DemoRealm.CLIENT_SECRET);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static JsonNode claims(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
