package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.schoolesia.emulator.EmulatorConfig.RegisteredSystem;
import org.schoolesia.emulator.EsiaEmulator.IssuedCode;
import org.schoolesia.emulator.EsiaEmulator.Mode;
import org.schoolesia.emulator.EsiaEmulator.Pending;

/**
 * Plain OpenID Connect over the same persons, for stock Keycloak's OIDC broker (the benchmark
 * baseline). RS256 tokens with a kid, published at /oidc/jwks. Faults do not apply here.
 */
final class OidcMode {
    private final EsiaEmulator emu;
    private final EmulatorConfig config;
    private final String kid;

    OidcMode(EsiaEmulator emu) {
        this.emu = emu;
        this.config = emu.config();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(config.rsaKey().certificate().getEncoded());
            this.kid = "esia-emulator-" + Crypto.b64url(h).substring(0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String issuer() {
        return emu.baseUrl() + "/oidc";
    }

    void handle(Call c) throws IOException {
        switch (c.path) {
            case "/oidc/.well-known/openid-configuration" -> discovery(c);
            case "/oidc/auth" -> authorize(c);
            case "/oidc/token" -> token(c);
            case "/oidc/userinfo" -> userinfo(c);
            case "/oidc/jwks" -> jwks(c);
            default -> {
                c.outcome = "not found";
                c.json(404, Jwt.JSON.createObjectNode().put("error", "not_found"));
            }
        }
    }

    private void discovery(Call c) throws IOException {
        ObjectNode d = Jwt.JSON.createObjectNode();
        String iss = issuer();
        d.put("issuer", iss);
        d.put("authorization_endpoint", iss + "/auth");
        d.put("token_endpoint", iss + "/token");
        d.put("userinfo_endpoint", iss + "/userinfo");
        d.put("jwks_uri", iss + "/jwks");
        d.putArray("response_types_supported").add("code");
        d.putArray("grant_types_supported").add("authorization_code");
        d.putArray("subject_types_supported").add("public");
        d.putArray("id_token_signing_alg_values_supported").add("RS256");
        d.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        d.putArray("scopes_supported").add("openid").add("profile").add("email");
        d.putArray("code_challenge_methods_supported").add("S256").add("plain");
        ArrayNode claims = d.putArray("claims_supported");
        for (String s : new String[]{"sub", "name", "given_name", "family_name", "middle_name", "email", "email_verified", "birthdate", "nonce"}) {
            claims.add(s);
        }
        c.outcome = "discovery";
        c.json(200, d);
    }

    private void authorize(Call c) throws IOException {
        RegisteredSystem sys = config.system(c.param("client_id"));
        String redirect = c.param("redirect_uri");
        if (sys == null || sys.oidcClientSecret() == null) {
            c.outcome = "unknown client";
            c.html(400, Pages.error("Ошибка авторизации", null, "Неизвестный client_id"));
            return;
        }
        if (!sys.redirectAllowed(redirect)) {
            c.outcome = "bad redirect_uri";
            c.html(400, Pages.error("Ошибка авторизации", null, "redirect_uri не зарегистрирован для системы"));
            return;
        }
        String state = c.param("state");
        String error = null;
        if (!"code".equals(c.param("response_type"))) {
            error = "unsupported_response_type";
        } else if (!EsiaProtocol.splitScope(c.param("scope")).contains("openid")) {
            error = "invalid_scope";
        }
        if (error != null) {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("error", error);
            q.put("state", state);
            c.outcome = error;
            c.redirect(Call.withParams(redirect, q));
            return;
        }
        String challenge = c.param("code_challenge");
        String method = challenge == null || challenge.isEmpty() ? null
                : c.param("code_challenge_method") == null ? "plain" : c.param("code_challenge_method");
        String requestId = emu.pendingFor(new Pending(Mode.OIDC, sys.clientId(), redirect, state, c.param("scope"), "",
                false, method == null ? null : challenge, method, c.param("nonce"), System.currentTimeMillis()));
        c.outcome = "picker";
        c.html(200, Pages.picker("/oidc/auth/confirm", requestId, sys.clientId(),
                EsiaProtocol.splitScope(c.param("scope")), config.persons()));
    }

    private void token(Call c) throws IOException {
        if (!"POST".equals(c.method)) {
            c.json(405, Jwt.JSON.createObjectNode().put("error", "invalid_request"));
            return;
        }
        String clientId = c.param("client_id");
        String secret = c.param("client_secret");
        String basic = c.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                clientId = null;
            }
        }
        RegisteredSystem sys = config.system(clientId);
        if (sys == null || sys.oidcClientSecret() == null || secret == null
                || !MessageDigest.isEqual(sys.oidcClientSecret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            c.setHeader("WWW-Authenticate", "Basic realm=\"esia-emulator\"");
            oauthError(c, 401, "invalid_client");
            return;
        }
        if (!"authorization_code".equals(c.param("grant_type"))) {
            oauthError(c, 400, "unsupported_grant_type");
            return;
        }
        String code = c.param("code");
        IssuedCode issued = code == null ? null : emu.codes.get(code);
        if (issued == null || issued.mode() != Mode.OIDC || !issued.clientId().equals(sys.clientId())
                || issued.expiresAt() < System.currentTimeMillis() || !issued.redirectUri().equals(c.param("redirect_uri"))) {
            oauthError(c, 400, "invalid_grant");
            return;
        }
        if (issued.codeChallenge() != null) {
            String verifier = c.param("code_verifier");
            if (verifier == null || !EsiaProtocol.pkceMatches(issued.codeChallenge(), issued.codeChallengeMethod(), verifier)) {
                oauthError(c, 400, "invalid_grant");
                return;
            }
        }
        if (!emu.codes.remove(code, issued)) {
            oauthError(c, 400, "invalid_grant");
            return;
        }
        ObjectNode person = config.person(issued.oid());
        long now = System.currentTimeMillis() / 1000;
        long lifetime = config.tokenLifetimeSeconds();

        ObjectNode access = Jwt.JSON.createObjectNode();
        access.put("iss", issuer());
        access.put("sub", issued.oid());
        access.put("aud", sys.clientId());
        access.put("azp", sys.clientId());
        access.put("scope", issued.scope());
        access.put("iat", now);
        access.put("exp", now + lifetime);
        access.put("jti", EsiaEmulator.randomToken());

        ObjectNode id = Jwt.JSON.createObjectNode();
        id.put("iss", issuer());
        id.put("sub", issued.oid());
        id.put("aud", sys.clientId());
        id.put("azp", sys.clientId());
        id.put("iat", now);
        id.put("exp", now + lifetime);
        id.put("auth_time", issued.authTime());
        if (issued.nonce() != null) {
            id.put("nonce", issued.nonce());
        }
        profileClaims(person, id);

        ObjectNode r = Jwt.JSON.createObjectNode();
        r.put("access_token", Jwt.sign(Jwt.header(Jwt.RS256, null, kid), access, config.rsaKey().privateKey()));
        r.put("token_type", "Bearer");
        r.put("expires_in", lifetime);
        r.put("id_token", Jwt.sign(Jwt.header(Jwt.RS256, null, kid), id, config.rsaKey().privateKey()));
        r.put("scope", issued.scope());
        c.outcome = "tokens issued for " + issued.oid();
        c.json(200, r);
    }

    private static void profileClaims(ObjectNode person, ObjectNode out) {
        if (person == null) {
            return;
        }
        out.put("name", person.path("firstName").asText() + " " + person.path("lastName").asText());
        out.put("given_name", person.path("firstName").asText());
        out.put("family_name", person.path("lastName").asText());
        if (person.hasNonNull("middleName")) {
            out.put("middle_name", person.get("middleName").asText());
        }
        for (JsonNode ct : person.path("contacts")) {
            if ("EML".equals(ct.path("type").asText())) {
                out.put("email", ct.path("value").asText());
                out.put("email_verified", "VERIFIED".equals(ct.path("vrfStu").asText()));
                break;
            }
        }
        String bd = person.path("birthDate").asText("");
        if (!bd.isEmpty()) {
            out.put("birthdate", LocalDate.parse(bd, DateTimeFormatter.ofPattern("dd.MM.yyyy")).toString());
        }
    }

    private void userinfo(Call c) throws IOException {
        String auth = c.header("Authorization");
        ObjectNode claims = null;
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                Jwt.Parsed t = Jwt.parse(auth.substring(7).trim());
                if (Jwt.RS256.equals(t.alg()) && t.verify(config.rsaKey().certificate().getPublicKey())
                        && issuer().equals(t.claims().path("iss").asText())
                        && t.claims().path("exp").asLong(0) >= System.currentTimeMillis() / 1000) {
                    claims = t.claims();
                }
            } catch (IllegalArgumentException ignored) {
                // answered as invalid_token below
            }
        }
        if (claims == null) {
            c.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            oauthError(c, 401, "invalid_token");
            return;
        }
        String oid = claims.path("sub").asText();
        ObjectNode u = Jwt.JSON.createObjectNode();
        u.put("sub", oid);
        profileClaims(config.person(oid), u);
        c.outcome = "userinfo " + oid;
        c.json(200, u);
    }

    private void jwks(Call c) throws IOException {
        RSAPublicKey pk = (RSAPublicKey) config.rsaKey().certificate().getPublicKey();
        ObjectNode jwk = Jwt.JSON.createObjectNode();
        jwk.put("kty", "RSA");
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", Crypto.b64url(unsigned(pk.getModulus())));
        jwk.put("e", Crypto.b64url(unsigned(pk.getPublicExponent())));
        try {
            jwk.putArray("x5c").add(Base64.getEncoder().encodeToString(config.rsaKey().certificate().getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
        ObjectNode set = Jwt.JSON.createObjectNode();
        set.putArray("keys").add(jwk);
        c.outcome = "jwks";
        c.json(200, set);
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }

    private static void oauthError(Call c, int status, String error) throws IOException {
        c.outcome = error;
        c.json(status, Jwt.JSON.createObjectNode().put("error", error));
    }
}
