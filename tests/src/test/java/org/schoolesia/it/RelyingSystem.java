package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The demo diary as a relying school system (A-RP) sees Keycloak, issue 13: it knows only the
 * realm's issuer URL and its client credentials; everything else comes from discovery. It logs a
 * person in with the authorization code flow and PKCE (S256), and accepts an ID token only after
 * full validation with a standard JOSE library (Nimbus): signature against the realm's JWKS, {@code iss},
 * {@code aud}, {@code exp}, {@code iat}, {@code sub} and the {@code nonce} it sent.
 */
final class RelyingSystem {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What one login gave the application: the tokens, the validated ID token's claims, userinfo's and introspection's answers. */
    record Login(JsonNode tokens, JWTClaimsSet idToken, JsonNode idClaims, JsonNode accessClaims, String nonce) {
        String accessToken() {
            return tokens.get("access_token").asText();
        }
    }

    private final TestEnvironment env;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonNode discovery;
    private final JWKSource<SecurityContext> keys;

    RelyingSystem(TestEnvironment env) throws Exception {
        this.env = env;
        String issuer = env.keycloak().realmUrl(DemoRealm.NAME);
        this.discovery = getJson(issuer + "/.well-known/openid-configuration");
        assertEquals(issuer, discovery.get("issuer").asText(), "discovery names the issuer the system was configured with");
        assertTrue(discovery.get("code_challenge_methods_supported").toString().contains("S256"), discovery.toString());
        this.keys = JWKSourceBuilder.create(URI.create(discovery.get("jwks_uri").asText()).toURL()).retrying(false).build();
    }

    /** The person chooses the organisation, types login and password (R-ORG-2); the application redeems the code with its verifier. */
    Login login(Browser browser, String organisation, String username, String password) throws Exception {
        return login(browser, organisation, username, password, "openid");
    }

    Login login(Browser browser, String organisation, String username, String password, String scope) throws Exception {
        String state = random();
        String nonce = random();
        String verifier = random() + random();
        String url = discovery.get("authorization_endpoint").asText() + "?client_id=" + DemoRealm.CLIENT_ID + "&response_type=code"
                + "&scope=" + enc(scope) + "&redirect_uri=" + enc(DemoRealm.CLIENT_REDIRECT) + "&state=" + state + "&nonce=" + nonce
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        Browser.Page form = browser.open(url);
        assertEquals(200, form.status(), form.text());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("organization", organisation);
        values.put("username", username);
        values.put("password", password);
        Browser.Page back = form.submit("#kc-login", values);
        assertTrue(back.isRedirect() && back.location().startsWith(DemoRealm.CLIENT_REDIRECT), back.status() + " " + back.text());
        Map<String, String> answer = query(back.location());
        assertEquals(state, answer.get("state"), "the application's own state comes back");
        JsonNode tokens = token(Map.of("grant_type", "authorization_code", "code", answer.get("code"),
                "redirect_uri", DemoRealm.CLIENT_REDIRECT, "code_verifier", verifier));
        return accepted(tokens, nonce);
    }

    /**
     * The next token: a refresh grant, its new ID token validated the same way — except the nonce, which
     * belongs to the authentication request: a refreshed ID token need not carry it (Keycloak's does not),
     * and if it does it must be the login's (OIDC Core 12.2).
     */
    Login refresh(Login login) throws Exception {
        JsonNode tokens = token(Map.of("grant_type", "refresh_token", "refresh_token", login.tokens().get("refresh_token").asText()));
        JWTClaimsSet id = validate(tokens.get("id_token").asText(), null);
        Object nonce = id.getClaim("nonce");
        assertTrue(nonce == null || login.nonce().equals(nonce), "a refreshed ID token with another nonce: " + nonce);
        return new Login(tokens, id, JSON.readTree(id.toString()), payload(tokens.get("access_token").asText()), login.nonce());
    }

    private Login accepted(JsonNode tokens, String nonce) throws Exception {
        JWTClaimsSet id = validate(tokens.get("id_token").asText(), nonce);
        return new Login(tokens, id, JSON.readTree(id.toString()), payload(tokens.get("access_token").asText()), nonce);
    }

    /**
     * Full ID-token validation; throws {@link BadJOSEException} for anything a relying system must refuse.
     * @param expectedNonce the nonce the login sent (required and equal), null only for a refreshed token
     */
    JWTClaimsSet validate(String idToken, String expectedNonce) throws ParseException, BadJOSEException, JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(discovery.get("issuer").asText());
        if (expectedNonce != null) {
            exact.claim("nonce", expectedNonce);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(DemoRealm.CLIENT_ID, exact.build(), Set.of("sub", "iat", "exp")));
        return processor.process(idToken, null);
    }

    JsonNode userinfo(String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(discovery.get("userinfo_endpoint").asText()))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Token introspection as the diary's own back end does it (the diary is in its tokens' audience: {@code ClaimsForRelyingSystemsIT}). */
    JsonNode introspect(String accessToken) throws IOException, InterruptedException {
        JsonNode answer = post(discovery.get("introspection_endpoint").asText(), Map.of("token", accessToken));
        assertTrue(answer.get("active").asBoolean(), answer.toString());
        return answer;
    }

    private JsonNode token(Map<String, String> grant) throws IOException, InterruptedException {
        return post(discovery.get("token_endpoint").asText(), grant);
    }

    private JsonNode post(String url, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(form);
        all.put("client_id", DemoRealm.CLIENT_ID);
        all.put("client_secret", DemoRealm.CLIENT_SECRET);
        StringBuilder body = new StringBuilder();
        all.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(enc(v)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** The access token's payload as the API behind the application would read it (its signature is Keycloak's business there). */
    static JsonNode payload(String jwt) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private static Map<String, String> query(String location) {
        Map<String, String> values = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String challenge(String verifier) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
