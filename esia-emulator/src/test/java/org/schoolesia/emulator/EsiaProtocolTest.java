package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EsiaProtocolTest {
    static EsiaEmulator emu;
    static X509Certificate esiaGost;
    static X509Certificate esiaRsa;
    TestEsiaClient client;

    @BeforeAll
    static void start() {
        emu = EsiaEmulator.start(EmulatorConfig.load(TestEsiaClient.CONFIG), 0);
        esiaGost = Pem.readCertificate(TestEsiaClient.KEYS.resolve("esia-gost.crt.pem"));
        esiaRsa = Pem.readCertificate(TestEsiaClient.KEYS.resolve("esia-rsa.crt.pem"));
    }

    @AfterAll
    static void stop() {
        emu.stop();
    }

    @BeforeEach
    void reset() {
        emu.faults().reset();
        client = new TestEsiaClient(emu.baseUrl());
    }

    private static void assertEsiaError(HttpResponse<String> r, String error, String code, String state) {
        assertEquals(302, r.statusCode(), r.body());
        Map<String, String> q = TestEsiaClient.locationParams(r);
        assertTrue(r.headers().firstValue("Location").orElseThrow().startsWith(TestEsiaClient.REDIRECT + "?"));
        assertEquals(error, q.get("error"));
        assertTrue(q.get("error_description").startsWith("ESIA-" + code + ":"), q.get("error_description"));
        if (state != null) {
            assertEquals(state, q.get("state"));
        }
    }

    private static void assertTokenError(HttpResponse<String> r, String code) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        JsonNode e = TestEsiaClient.JSON.readTree(r.body());
        assertTrue(e.path("error_description").asText().startsWith("ESIA-" + code + ":"), r.body());
        assertFalse(e.path("error").asText().isEmpty());
    }

    @Test
    void baseUrlIsLoopback() {
        assertTrue(emu.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"));
    }

    @Test
    void validAuthorizationShowsPicker() throws Exception {
        String state = UUID.randomUUID().toString();
        HttpResponse<String> r = client.authorize(client.authorizeParams(state, TestEsiaClient.now()));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").contains("UTF-8"));
        assertEquals("as-is", r.headers().firstValue("X-Emulator-Signature-Order").orElse(null));
        String html = r.body();
        assertTrue(html.contains("Госуслуги (эмулятор)"));
        assertTrue(html.contains("<meta name=\"viewport\""));
        assertTrue(html.contains("<button type=\"submit\" name=\"oid\" value=\"1000000001\" id=\"person-1000000001\">Иванова Мария Петровна</button>"));
        assertTrue(html.contains("id=\"deny\""));
        assertEquals("/aas/oauth2/v2/ac/confirm", TestEsiaClient.formAction(html));
    }

    @Test
    void confirmGivesCodeWithSameStateAndRequestIsSingleUse() throws Exception {
        String state = UUID.randomUUID().toString();
        HttpResponse<String> picker = client.authorize(client.authorizeParams(state, TestEsiaClient.now()));
        Map<String, String> cb = client.pick(picker, "1000000001");
        assertNotNull(cb.get("code"));
        assertEquals(state, cb.get("state"));
        Map<String, String> again = Map.of("request", TestEsiaClient.requestId(picker.body()), "oid", "1000000001");
        assertEquals(400, client.postForm("/aas/oauth2/v2/ac/confirm", again).statusCode());
    }

    @Test
    void denyRedirectsAccessDenied() throws Exception {
        String state = UUID.randomUUID().toString();
        HttpResponse<String> picker = client.authorize(client.authorizeParams(state, TestEsiaClient.now()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("request", TestEsiaClient.requestId(picker.body()));
        form.put("deny", "1");
        HttpResponse<String> r = client.postForm("/aas/oauth2/v2/ac/confirm", form);
        assertEsiaError(r, "access_denied", "007004", state);
        assertEquals("ESIA-007004: Пользователь отказался от предоставления доступа",
                TestEsiaClient.locationParams(r).get("error_description"));
    }

    @Test
    void gostTokenExchangeGivesVerifiableIdToken() throws Exception {
        String tokenState = UUID.randomUUID().toString();
        HttpResponse<String> r = client.token(client.tokenParams(client.code("1000000001"), tokenState, TestEsiaClient.now()));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode t = TestEsiaClient.JSON.readTree(r.body());
        assertEquals(tokenState, t.path("state").asText());
        assertEquals("Bearer", t.path("token_type").asText());
        assertEquals(3600, t.path("expires_in").asInt());
        assertFalse(t.has("refresh_token"), "online access has no refresh token");
        String id = t.path("id_token").asText();
        JsonNode h = TestEsiaClient.header(id);
        assertEquals("GOST3410_2012_256", h.path("alg").asText());
        assertEquals("JWT", h.path("typ").asText());
        assertEquals(0, h.path("ver").asInt(-1));
        assertEquals("id", h.path("sbt").asText());
        assertTrue(TestEsiaClient.verify(id, esiaGost));
        JsonNode c = TestEsiaClient.claims(id);
        assertEquals("http://esia-emulator.localhost/", c.path("iss").asText());
        assertEquals("SCHOOL-DEMO", c.path("aud").asText());
        assertEquals("1000000001", c.path("sub").asText());
        assertEquals("PWD", c.path("amr").asText());
        assertTrue(c.path("exp").asLong() > c.path("iat").asLong());
        JsonNode sbj = c.path("urn:esia:sbj");
        assertEquals("P", sbj.path("urn:esia:sbj:typ").asText());
        assertEquals(1000000001L, sbj.path("urn:esia:sbj:oid").asLong());
        assertTrue(sbj.path("urn:esia:sbj:is_tru").asBoolean());
        assertEquals("PR", sbj.path("urn:esia:sbj:lvl").asText());
        String access = t.path("access_token").asText();
        assertEquals("access", TestEsiaClient.header(access).path("sbt").asText());
        assertTrue(TestEsiaClient.verify(access, esiaGost));
        JsonNode a = TestEsiaClient.claims(access);
        assertEquals(1000000001L, a.path("urn:esia:sbj_id").asLong());
        assertEquals("SCHOOL-DEMO", a.path("client_id").asText());
        assertEquals(TestEsiaClient.SCOPE, a.path("scope").asText());
    }

    @Test
    void untrustedPersonHasNoIsTruClaim() throws Exception {
        JsonNode sbj = TestEsiaClient.claims(client.login("1000000004").path("id_token").asText()).path("urn:esia:sbj");
        assertFalse(sbj.has("urn:esia:sbj:is_tru"));
        assertEquals("P", sbj.path("urn:esia:sbj:lvl").asText());
        JsonNode kid = TestEsiaClient.claims(client.login("1000000005").path("id_token").asText()).path("urn:esia:sbj");
        assertEquals("KD", kid.path("urn:esia:sbj:lvl").asText());
    }

    @Test
    void rs256SystemGetsRsaTokens() throws Exception {
        client.clientId = "SCHOOL-DEMO-RSA";
        JsonNode t = client.login("1000000003");
        String id = t.path("id_token").asText();
        assertEquals("RS256", TestEsiaClient.header(id).path("alg").asText());
        assertTrue(TestEsiaClient.verify(id, esiaRsa));
        assertFalse(TestEsiaClient.verify(id, esiaGost));
        assertEquals("SCHOOL-DEMO-RSA", TestEsiaClient.claims(id).path("aud").asText());
        assertEquals(200, client.get("/rs/prns/1000000003", t.path("access_token").asText()).statusCode());
    }

    @Test
    void reversedSignatureIsAccepted() throws Exception {
        client.reverse = true;
        HttpResponse<String> r = client.authorize(client.authorizeParams(UUID.randomUUID().toString(), TestEsiaClient.now()));
        assertEquals(200, r.statusCode());
        assertEquals("reversed", r.headers().firstValue("X-Emulator-Signature-Order").orElse(null));
        HttpResponse<String> t = client.token(client.tokenParams(client.pick(r, "1000000002").get("code"),
                UUID.randomUUID().toString(), TestEsiaClient.now()));
        assertEquals(200, t.statusCode(), t.body());
        assertEquals("reversed", t.headers().firstValue("X-Emulator-Signature-Order").orElse(null));
    }

    @Test
    void tamperedSecretIs007053() throws Exception {
        String state = UUID.randomUUID().toString();
        Map<String, String> p = client.authorizeParams(state, TestEsiaClient.now());
        char[] s = p.get("client_secret").toCharArray();
        s[10] = s[10] == 'A' ? 'B' : 'A';
        p.put("client_secret", new String(s));
        assertEsiaError(client.authorize(p), "invalid_client", "007053", state);
        p.put("client_secret", "not-a-signature");
        assertEsiaError(client.authorize(p), "invalid_client", "007053", state);
    }

    @Test
    void wrongCertificateHashIs007053() throws Exception {
        String state = UUID.randomUUID().toString();
        Map<String, String> p = client.authorizeParams(state, TestEsiaClient.now());
        p.put("client_certificate_hash", "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3");
        assertEsiaError(client.authorize(p), "invalid_client", "007053", state);
        p = client.authorizeParams(state, TestEsiaClient.now());
        p.put("client_certificate_hash", p.get("client_certificate_hash").toLowerCase());
        assertEquals(200, client.authorize(p).statusCode(), "hash comparison ignores case");
    }

    @Test
    void unregisteredClientKeyIs007053() throws Exception {
        client.key = Pem.readPrivateKey(TestEsiaClient.KEYS.resolve("client-gost-other.key.pem"));
        String state = UUID.randomUUID().toString();
        assertEsiaError(client.authorize(client.authorizeParams(state, TestEsiaClient.now())), "invalid_client", "007053", state);
        client.cert = Pem.readCertificate(TestEsiaClient.KEYS.resolve("client-gost-other.crt.pem"));
        assertEsiaError(client.authorize(client.authorizeParams(state, TestEsiaClient.now())), "invalid_client", "007053", state);
    }

    @Test
    void plusDecodedAsSpaceIs007014NamingTimestamp() throws Exception {
        String state = UUID.randomUUID().toString();
        String ts = TestEsiaClient.now();
        Map<String, String> p = client.authorizeParams(state, ts);
        String url = "/aas/oauth2/v2/ac?" + TestEsiaClient.query(p).replace("%2B", "+");
        HttpResponse<String> r = client.get(url);
        assertEsiaError(r, "invalid_request", "007014", state);
        assertTrue(TestEsiaClient.locationParams(r).get("error_description").endsWith("[timestamp]"));
    }

    @Test
    void oldTimestampIs007015() throws Exception {
        String state = UUID.randomUUID().toString();
        String old = TestEsiaClient.timestamp(ZonedDateTime.now(ZoneOffset.ofHours(3)).minusMinutes(10));
        assertEsiaError(client.authorize(client.authorizeParams(state, old)), "invalid_request", "007015", state);
    }

    @Test
    void stateMustBeUuid() throws Exception {
        HttpResponse<String> r = client.authorize(client.authorizeParams("not-a-uuid", TestEsiaClient.now()));
        assertEsiaError(r, "invalid_request", "007014", "not-a-uuid");
        assertTrue(TestEsiaClient.locationParams(r).get("error_description").endsWith("[state]"));
    }

    @Test
    void missingParameterIs007014Named() throws Exception {
        String state = UUID.randomUUID().toString();
        Map<String, String> p = client.authorizeParams(state, TestEsiaClient.now());
        p.remove("client_certificate_hash");
        HttpResponse<String> r = client.authorize(p);
        assertEsiaError(r, "invalid_request", "007014", state);
        assertTrue(TestEsiaClient.locationParams(r).get("error_description").endsWith("[client_certificate_hash]"));
    }

    @Test
    void scopeNotGrantedIs007006() throws Exception {
        client.scope = "openid fullname kid_school_data";
        String state = UUID.randomUUID().toString();
        assertEsiaError(client.authorize(client.authorizeParams(state, TestEsiaClient.now())), "invalid_scope", "007006", state);
    }

    @Test
    void unknownRedirectIs007023PageWithoutRedirect() throws Exception {
        client.redirect = "https://evil.example/cb";
        HttpResponse<String> r = client.authorize(client.authorizeParams(UUID.randomUUID().toString(), TestEsiaClient.now()));
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Location").isEmpty());
        assertTrue(r.body().contains("ESIA-007023"));
    }

    @Test
    void unknownClientIs007002Page() throws Exception {
        client.clientId = "NO-SUCH-SYSTEM";
        HttpResponse<String> r = client.authorize(client.authorizeParams(UUID.randomUUID().toString(), TestEsiaClient.now()));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("ESIA-007002"));
    }

    @Test
    void codeReuseIs007011() throws Exception {
        String code = client.code("1000000001");
        assertEquals(200, client.token(client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now())).statusCode());
        assertTokenError(client.token(client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now())), "007011");
        assertTokenError(client.token(client.tokenParams("made-up-code", UUID.randomUUID().toString(), TestEsiaClient.now())), "007011");
    }

    @Test
    void codeOfAnotherSystemIs007011() throws Exception {
        String code = client.code("1000000001");
        client.clientId = "SCHOOL-DEMO-RSA";
        assertTokenError(client.token(client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now())), "007011");
    }

    @Test
    void tokenRedirectMustMatchAuthorization() throws Exception {
        String code = client.code("1000000001");
        client.redirect = "http://localhost:8089/other";
        assertTokenError(client.token(client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now())), "007011");
    }

    @Test
    void tokenChecksSignatureAndState() throws Exception {
        String code = client.code("1000000001");
        String state = UUID.randomUUID().toString();
        Map<String, String> p = client.tokenParams(code, state, TestEsiaClient.now());
        p.put("client_secret", client.sign("something else"));
        HttpResponse<String> r = client.token(p);
        assertTokenError(r, "007053");
        assertEquals(state, TestEsiaClient.JSON.readTree(r.body()).path("state").asText());
        assertTokenError(client.token(client.tokenParams(code, "no-uuid", TestEsiaClient.now())), "007014");
        // failed attempts do not burn the code
        assertEquals(200, client.token(client.tokenParams(code, state, TestEsiaClient.now())).statusCode());
    }

    @Test
    void offlineAccessGivesRotatingRefreshToken() throws Exception {
        String state = UUID.randomUUID().toString();
        Map<String, String> ap = client.authorizeParams(state, TestEsiaClient.now());
        ap.put("access_type", "offline");
        String code = client.pick(client.authorize(ap), "1000000003").get("code");
        JsonNode t = TestEsiaClient.JSON.readTree(client.token(client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now())).body());
        String rt = t.path("refresh_token").asText();
        assertFalse(rt.isEmpty());
        Map<String, String> p = refreshParams(rt);
        HttpResponse<String> r = client.token(p);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode t2 = TestEsiaClient.JSON.readTree(r.body());
        assertNotEquals(rt, t2.path("refresh_token").asText());
        assertEquals("1000000003", TestEsiaClient.claims(t2.path("id_token").asText()).path("sub").asText());
        assertTokenError(client.token(refreshParams(rt)), "007011");
    }

    private Map<String, String> refreshParams(String rt) throws Exception {
        String state = UUID.randomUUID().toString();
        String ts = TestEsiaClient.now();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", client.clientId);
        p.put("refresh_token", rt);
        p.put("grant_type", "refresh_token");
        p.put("client_certificate_hash", TestEsiaClient.certHash(client.cert));
        p.put("client_secret", client.sign(client.clientId + client.scope + ts + state + client.redirect + rt));
        p.put("state", state);
        p.put("redirect_uri", client.redirect);
        p.put("scope", client.scope);
        p.put("timestamp", ts);
        p.put("token_type", "Bearer");
        return p;
    }

    @Test
    void pkceIsEnforcedWhenRequested() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String challenge = Crypto.b64url(java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes()));
        Map<String, String> ap = client.authorizeParams(UUID.randomUUID().toString(), TestEsiaClient.now());
        ap.put("code_challenge", challenge);
        ap.put("code_challenge_method", "S256");
        String code = client.pick(client.authorize(ap), "1000000001").get("code");
        Map<String, String> p = client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now());
        p.put("code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier");
        assertTokenError(client.token(p), "007011");
        p.put("code_verifier", verifier);
        assertEquals(200, client.token(p).statusCode());
    }

    @Test
    void legacyCmsFlowWorks() throws Exception {
        String state = UUID.randomUUID().toString();
        String ts = TestEsiaClient.now();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", client.clientId);
        p.put("client_secret", client.cms(client.scope + ts + client.clientId + state));
        p.put("redirect_uri", client.redirect);
        p.put("scope", client.scope);
        p.put("response_type", "code");
        p.put("state", state);
        p.put("timestamp", ts);
        p.put("access_type", "online");
        HttpResponse<String> picker = client.get("/aas/oauth2/ac?" + TestEsiaClient.query(p));
        assertEquals(200, picker.statusCode(), picker.headers().firstValue("Location").orElse(""));
        assertEquals("/aas/oauth2/ac/confirm", TestEsiaClient.formAction(picker.body()));
        Map<String, String> cb = client.pick(picker, "1000000001");
        assertEquals(state, cb.get("state"));

        String tState = UUID.randomUUID().toString();
        String tTs = TestEsiaClient.now();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("client_id", client.clientId);
        t.put("code", cb.get("code"));
        t.put("grant_type", "authorization_code");
        t.put("client_secret", client.cms(client.scope + tTs + client.clientId + tState));
        t.put("state", tState);
        t.put("redirect_uri", client.redirect);
        t.put("scope", client.scope);
        t.put("timestamp", tTs);
        t.put("token_type", "Bearer");
        HttpResponse<String> r = client.postForm("/aas/oauth2/te", t);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(TestEsiaClient.verify(TestEsiaClient.JSON.readTree(r.body()).path("id_token").asText(), esiaGost));

        // a CMS signature by an unregistered key fails
        client.key = Pem.readPrivateKey(TestEsiaClient.KEYS.resolve("client-gost-other.key.pem"));
        client.cert = Pem.readCertificate(TestEsiaClient.KEYS.resolve("client-gost-other.crt.pem"));
        p.put("client_secret", client.cms(client.scope + ts + client.clientId + state));
        assertEsiaError(client.get("/aas/oauth2/ac?" + TestEsiaClient.query(p)), "invalid_client", "007053", state);
    }

    @Test
    void logoutRedirectsOnlyToRegisteredPrefix() throws Exception {
        HttpResponse<String> ok = client.get("/idp/ext/Logout?client_id=SCHOOL-DEMO&redirect_url="
                + java.net.URLEncoder.encode("http://localhost:8089/after", "UTF-8"));
        assertEquals(302, ok.statusCode());
        assertEquals("http://localhost:8089/after", ok.headers().firstValue("Location").orElse(null));
        assertEquals(400, client.get("/idp/ext/Logout?client_id=SCHOOL-DEMO&redirect_url=https%3A%2F%2Fevil.example%2F").statusCode());
        assertEquals(400, client.get("/idp/ext/Logout?client_id=NOPE&redirect_url=http%3A%2F%2Flocalhost%3A1%2F").statusCode());
    }
}
