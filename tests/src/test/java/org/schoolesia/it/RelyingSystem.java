package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import org.schoolesia.diary.OidcClient;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The demo diary as a relying school system (A-RP) sees Keycloak, issue 13: it knows only the
 * realm's issuer URL and its client credentials; everything else comes from discovery. It logs a
 * person in with the authorization code flow and PKCE (S256), and accepts an ID token only after
 * full validation with Nimbus JOSE+JWT ({@link OidcClient}, the run command's demo diary's client).
 */
final class RelyingSystem {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one login gave the application: the tokens, the validated ID token's claims, the access token's payload. */
    record Login(JsonNode tokens, JWTClaimsSet idToken, JsonNode idClaims, JsonNode accessClaims, String nonce) {
        String accessToken() {
            return tokens.get("access_token").asText();
        }
    }

    private final OidcClient oidc;

    RelyingSystem(TestEnvironment env) throws Exception {
        this.oidc = OidcClient.discover(env.keycloak().realmUrl(DemoRealm.NAME), DemoRealm.CLIENT_ID, DemoRealm.CLIENT_SECRET);
        assertTrue(oidc.discovery().get("code_challenge_methods_supported").toString().contains("S256"), oidc.discovery().toString());
    }

    /** The person chooses the organisation, types login and password (R-ORG-2); the application redeems the code with its verifier. */
    Login login(Browser browser, String organisation, String username, String password) throws Exception {
        return login(browser, organisation, username, password, "openid");
    }

    Login login(Browser browser, String organisation, String username, String password, String scope) throws Exception {
        OidcClient.Start start = oidc.start(DemoRealm.CLIENT_REDIRECT, scope);
        Browser.Page form = browser.open(start.url());
        assertEquals(200, form.status(), form.text());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("organization", organisation);
        values.put("username", username);
        values.put("password", password);
        Browser.Page back = form.submit("#kc-login", values);
        assertTrue(back.isRedirect() && back.location().startsWith(DemoRealm.CLIENT_REDIRECT), back.status() + " " + back.text());
        Map<String, String> answer = OidcClient.parameters(URI.create(back.location()).getRawQuery());
        assertEquals(start.state(), answer.get("state"), "the application's own state comes back");
        JsonNode tokens = oidc.redeem(answer.get("code"), DemoRealm.CLIENT_REDIRECT, start.verifier());
        return accepted(tokens, validate(tokens.get("id_token").asText(), start.nonce()), start.nonce());
    }

    /** The next token: a refresh grant, its ID token validated the same way; a nonce in it must be the login's (OIDC Core 12.2). */
    Login refresh(Login login) throws Exception {
        JsonNode tokens = oidc.refresh(login.tokens().get("refresh_token").asText());
        JWTClaimsSet id = validate(tokens.get("id_token").asText(), null);
        Object nonce = id.getClaim("nonce");
        assertTrue(nonce == null || login.nonce().equals(nonce), "a refreshed ID token with another nonce: " + nonce);
        return accepted(tokens, id, login.nonce());
    }

    private static Login accepted(JsonNode tokens, JWTClaimsSet id, String nonce) throws IOException {
        return new Login(tokens, id, JSON.readTree(id.toString()), payload(tokens.get("access_token").asText()), nonce);
    }

    JWTClaimsSet validate(String idToken, String expectedNonce) throws ParseException, BadJOSEException, JOSEException {
        return oidc.validate(idToken, expectedNonce);
    }

    JsonNode userinfo(String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> response = oidc.userinfo(accessToken);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Token introspection as the diary's own back end does it (the diary is in its tokens' audience: {@code ClaimsForRelyingSystemsIT}). */
    JsonNode introspect(String accessToken) throws IOException, InterruptedException {
        JsonNode answer = oidc.introspect(accessToken);
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        return answer;
    }

    /** The access token's payload as the API behind the application would read it (its signature is Keycloak's business there). */
    static JsonNode payload(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
