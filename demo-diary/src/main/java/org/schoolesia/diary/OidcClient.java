package org.schoolesia.diary;

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
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
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

/**
 * A confidential OIDC client as a relying school system runs it: everything but its issuer and
 * credentials from discovery; authorization code with PKCE (S256), a fresh state and nonce per
 * login; ID tokens accepted only after full validation with Nimbus JOSE+JWT — signature against
 * the issuer's JWKS, {@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code sub}, {@code nonce}.
 */
public final class OidcClient {

    /** One login under way: what goes to the authorization endpoint and what must come back. */
    public record Start(String url, String state, String nonce, String verifier) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonNode discovery;
    private final JWKSource<SecurityContext> keys;

    private OidcClient(String issuer, String clientId, String clientSecret, JsonNode discovery) throws IOException {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.discovery = discovery;
        this.keys = JWKSourceBuilder.create(URI.create(endpoint("jwks_uri")).toURL()).retrying(false).build();
    }

    /** Reads the issuer's discovery document; refuses one that names another issuer. */
    public static OidcClient discover(String issuer, String clientId, String clientSecret) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(issuer + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("discovery answered " + response.statusCode() + " (is Keycloak running?)");
        }
        JsonNode discovery = JSON.readTree(response.body());
        if (!issuer.equals(discovery.path("issuer").asText())) {
            throw new IOException("discovery names another issuer: " + discovery.path("issuer").asText());
        }
        return new OidcClient(issuer, clientId, clientSecret, discovery);
    }

    public JsonNode discovery() {
        return discovery;
    }

    public String endpoint(String name) {
        return discovery.path(name).asText();
    }

    /** A new login: the authorization URL with state, nonce and the S256 challenge of a new verifier. */
    public Start start(String redirectUri, String scope) {
        String state = random();
        String nonce = random();
        String verifier = random() + random();
        String url = endpoint("authorization_endpoint") + "?client_id=" + enc(clientId) + "&response_type=code&scope=" + enc(scope)
                + "&redirect_uri=" + enc(redirectUri) + "&state=" + state + "&nonce=" + nonce
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
        return new Start(url, state, nonce, verifier);
    }

    /** Redeems the code with the login's verifier. */
    public JsonNode redeem(String code, String redirectUri, String verifier) throws IOException, InterruptedException {
        return post(endpoint("token_endpoint"), Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier));
    }

    public JsonNode refresh(String refreshToken) throws IOException, InterruptedException {
        return post(endpoint("token_endpoint"), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /**
     * Full ID-token validation; {@link BadJOSEException} for anything a relying system must refuse.
     * @param expectedNonce the login's nonce (required and equal); null only for a refreshed ID token,
     *                      which need not carry it (OIDC Core 12.2)
     */
    public JWTClaimsSet validate(String idToken, String expectedNonce) throws ParseException, BadJOSEException, JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer);
        if (expectedNonce != null) {
            exact.claim("nonce", expectedNonce);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId, exact.build(), Set.of("sub", "iat", "exp")));
        return processor.process(idToken, null);
    }

    /** The userinfo endpoint's answer (status and body). */
    public HttpResponse<String> userinfo(String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint("userinfo_endpoint"))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Issue 13: {@code GET {issuer}/school/certificates/eligibility} with the person's access token
     * (the diary's tokens carry the audience {@code school-certificates-api}), texts in Russian.
     */
    public HttpResponse<String> certificateEligibility(String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(issuer + "/school/certificates/eligibility")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").header("Accept-Language", "ru")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode introspect(String accessToken) throws IOException, InterruptedException {
        return post(endpoint("introspection_endpoint"), Map.of("token", accessToken));
    }

    /** Where «Выйти» sends the browser: the issuer's end-session endpoint, back to {@code returnTo}. */
    public String logoutUrl(String idToken, String returnTo) {
        return endpoint("end_session_endpoint") + "?client_id=" + enc(clientId) + "&id_token_hint=" + idToken
                + "&post_logout_redirect_uri=" + enc(returnTo);
    }

    private JsonNode post(String url, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(form);
        all.put("client_id", clientId);
        all.put("client_secret", clientSecret);
        StringBuilder body = new StringBuilder();
        all.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=').append(enc(v)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The parameters of a redirect's query string, decoded (the last of a repeated name). */
    public static Map<String, String> parameters(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
