package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OidcModeTest {
    static EsiaEmulator emu;
    static TestEsiaClient client;
    static final String REDIRECT = "http://localhost:8089/realms/baseline/broker/oidc/endpoint";

    @BeforeAll
    static void start() {
        emu = EsiaEmulator.start(EmulatorConfig.load(TestEsiaClient.CONFIG), 0);
        client = new TestEsiaClient(emu.baseUrl());
    }

    @AfterAll
    static void stop() {
        emu.stop();
    }

    private String code(String nonce) throws Exception {
        HttpResponse<String> picker = client.get("/oidc/auth?response_type=code&client_id=SCHOOL-DEMO&scope=openid%20profile%20email"
                + "&state=abc&nonce=" + nonce + "&redirect_uri=" + java.net.URLEncoder.encode(REDIRECT, "UTF-8"));
        assertEquals(200, picker.statusCode());
        assertEquals("/oidc/auth/confirm", TestEsiaClient.formAction(picker.body()));
        Map<String, String> cb = client.pick(picker, "1000000003");
        assertEquals("abc", cb.get("state"));
        return cb.get("code");
    }

    @Test
    void discoveryPointsAtTheEndpoints() throws Exception {
        JsonNode d = TestEsiaClient.JSON.readTree(client.get("/oidc/.well-known/openid-configuration").body());
        assertEquals(emu.baseUrl() + "/oidc", d.path("issuer").asText());
        assertEquals(emu.baseUrl() + "/oidc/token", d.path("token_endpoint").asText());
        assertEquals(emu.baseUrl() + "/oidc/jwks", d.path("jwks_uri").asText());
    }

    @Test
    void codeFlowWithSecretPostAndUserinfo() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code("n-123"));
        form.put("redirect_uri", REDIRECT);
        form.put("client_id", "SCHOOL-DEMO");
        form.put("client_secret", "demo-oidc-secret");
        HttpResponse<String> r = client.postForm("/oidc/token", form);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode t = TestEsiaClient.JSON.readTree(r.body());
        String id = t.path("id_token").asText();
        JsonNode c = TestEsiaClient.claims(id);
        assertEquals(emu.baseUrl() + "/oidc", c.path("iss").asText());
        assertEquals("SCHOOL-DEMO", c.path("aud").asText());
        assertEquals("1000000003", c.path("sub").asText());
        assertEquals("n-123", c.path("nonce").asText());
        assertEquals("Олег", c.path("given_name").asText());
        assertEquals("Смирнов", c.path("family_name").asText());
        assertEquals("oleg.smirnov@school.example.ru", c.path("email").asText());
        assertTrue(verifyWithJwks(id));

        JsonNode u = TestEsiaClient.JSON.readTree(client.get("/oidc/userinfo", t.path("access_token").asText()).body());
        assertEquals("1000000003", u.path("sub").asText());
        assertEquals("Олег", u.path("given_name").asText());
        assertEquals(401, client.get("/oidc/userinfo", "nope").statusCode());
        assertEquals(400, client.postForm("/oidc/token", form).statusCode(), "code is single use");
    }

    @Test
    void codeFlowWithSecretBasic() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code("n-9"));
        form.put("redirect_uri", REDIRECT);
        String basic = "Basic " + Base64.getEncoder().encodeToString("SCHOOL-DEMO:demo-oidc-secret".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, client.postForm("/oidc/token", form,
                "Basic " + Base64.getEncoder().encodeToString("SCHOOL-DEMO:wrong".getBytes(StandardCharsets.UTF_8))).statusCode());
        HttpResponse<String> r = client.postForm("/oidc/token", form, basic);
        assertEquals(200, r.statusCode(), r.body());
    }

    private boolean verifyWithJwks(String jwt) throws Exception {
        JsonNode key = TestEsiaClient.JSON.readTree(client.get("/oidc/jwks").body()).path("keys").get(0);
        assertEquals(key.path("kid").asText(), TestEsiaClient.header(jwt).path("kid").asText());
        Base64.Decoder d = Base64.getUrlDecoder();
        PublicKey pk = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, d.decode(key.path("n").asText())), new BigInteger(1, d.decode(key.path("e").asText()))));
        String[] p = jwt.split("\\.");
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(pk);
        s.update((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
        return s.verify(d.decode(p[2]));
    }
}
