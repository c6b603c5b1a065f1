package org.schoolesia.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonApiAndFaultsTest {
    static EsiaEmulator emu;
    static X509Certificate esiaGost;
    static TestEsiaClient client;
    static JsonNode maria;

    @BeforeAll
    static void start() throws Exception {
        emu = EsiaEmulator.start(EmulatorConfig.load(TestEsiaClient.CONFIG), 0);
        esiaGost = Pem.readCertificate(TestEsiaClient.KEYS.resolve("esia-gost.crt.pem"));
        client = new TestEsiaClient(emu.baseUrl());
        maria = client.login("1000000001");
    }

    @AfterAll
    static void stop() {
        emu.stop();
    }

    @BeforeEach
    void reset() {
        emu.faults().reset();
    }

    private static String at() {
        return maria.path("access_token").asText();
    }

    private static JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = client.get(path, at());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return TestEsiaClient.JSON.readTree(r.body());
    }

    @Test
    void personIsServedWithoutEmulatorOnlyFields() throws Exception {
        JsonNode p = getJson("/rs/prns/1000000001");
        assertEquals("Мария", p.path("firstName").asText());
        assertEquals("Иванова", p.path("lastName").asText());
        assertEquals("Петровна", p.path("middleName").asText());
        assertEquals("14.03.1986", p.path("birthDate").asText());
        assertEquals("F", p.path("gender").asText());
        assertTrue(p.path("trusted").asBoolean());
        assertEquals("112-233-445 95", p.path("snils").asText());
        assertFalse(p.has("kids") || p.has("contacts") || p.has("level"));
    }

    @Test
    void contactsWithAndWithoutEmbed() throws Exception {
        JsonNode c = getJson("/rs/prns/1000000001/ctts?embed=(elements)");
        assertEquals("hasSize", c.path("stateFacts").get(0).asText());
        assertEquals(2, c.path("size").asInt());
        JsonNode eml = c.path("elements").get(0);
        assertEquals("EML", eml.path("type").asText());
        assertEquals("VERIFIED", eml.path("vrfStu").asText());
        assertEquals("maria.ivanova@example.ru", eml.path("value").asText());
        assertEquals("Identifiable", eml.path("stateFacts").get(0).asText());
        assertEquals("NOT_VERIFIED", c.path("elements").get(1).path("vrfStu").asText());
        JsonNode urls = getJson("/rs/prns/1000000001/ctts");
        String url = urls.path("elements").get(0).asText();
        assertEquals(emu.baseUrl() + "/rs/prns/1000000001/ctts/" + eml.path("id").asText(), url);
        assertEquals("EML", getJson(url.substring(emu.baseUrl().length())).path("type").asText());
    }

    @Test
    void personWithItsContactsInOneCall() throws Exception {
        long mark = emu.servedCount();
        JsonNode p = getJson("/rs/prns/1000000001?embed=(contacts.elements)");
        assertEquals(List.of("GET /rs/prns/1000000001?embed=(contacts.elements)"), emu.servedSince(mark));
        assertEquals("Иванова", p.path("lastName").asText());
        assertEquals(getJson("/rs/prns/1000000001/ctts?embed=(elements)"), p.path("contacts"));
        assertEquals(2, p.path("contacts").path("size").asInt());
        assertFalse(p.has("kids"), "only what embed names");
        JsonNode family = getJson("/rs/prns/1000000001?embed=(contacts.elements,%20kids.elements)");
        assertEquals(getJson("/rs/prns/1000000001/kids?embed=(elements)"), family.path("kids"));
        assertEquals(p.path("contacts"), family.path("contacts"));

        emu.faults().arm(Fault.PERSON_NESTED_EMBED_IGNORED, null);
        JsonNode without = getJson("/rs/prns/1000000001?embed=(contacts.elements)");
        assertFalse(without.has("contacts"), without.toString());
        assertEquals("Иванова", without.path("lastName").asText());
    }

    @Test
    void kidsAndBirthCertificates() throws Exception {
        JsonNode kids = getJson("/rs/prns/1000000001/kids?embed=(elements)");
        assertEquals(2, kids.path("size").asInt());
        JsonNode petr = kids.path("elements").get(0);
        assertEquals(1000000002L, petr.path("id").asLong());
        assertEquals("Пётр", petr.path("firstName").asText());
        assertEquals("05.09.2012", petr.path("birthDate").asText());
        assertEquals("123-456-789 64", petr.path("snils").asText());
        JsonNode docs = getJson("/rs/prns/1000000001/kids/1000000005/docs?embed=(elements)");
        assertEquals(1, docs.path("size").asInt());
        assertEquals("BRTH_CERT", docs.path("elements").get(0).path("type").asText());
        assertTrue(getJson("/rs/prns/1000000001/kids").path("elements").get(0).asText().endsWith("/rs/prns/1000000001/kids/1000000002"));
        assertEquals(404, client.get("/rs/prns/1000000001/kids/1000000003/docs", at()).statusCode());
    }

    @Test
    void tokenIsCheckedAndBoundToTheSubject() throws Exception {
        assertEquals(401, client.get("/rs/prns/1000000001").statusCode());
        assertEquals(401, client.get("/rs/prns/1000000001", "garbage").statusCode());
        String forged = at().substring(0, at().lastIndexOf('.') + 1) + Crypto.b64url(new byte[64]);
        assertEquals(401, client.get("/rs/prns/1000000001", forged).statusCode());
        assertEquals(401, client.get("/rs/prns/1000000001", maria.path("id_token").asText()).statusCode(), "id_token is no access token");
        assertEquals(403, client.get("/rs/prns/1000000003", at()).statusCode());
    }

    @Test
    void scopesLimitTheApi() throws Exception {
        TestEsiaClient narrow = new TestEsiaClient(emu.baseUrl());
        narrow.scope = "openid fullname";
        String token = narrow.login("1000000001").path("access_token").asText();
        JsonNode p = TestEsiaClient.JSON.readTree(narrow.get("/rs/prns/1000000001", token).body());
        assertEquals("Мария", p.path("firstName").asText());
        assertFalse(p.has("snils"));
        assertEquals(403, narrow.get("/rs/prns/1000000001/ctts", token).statusCode());
        assertEquals(403, narrow.get("/rs/prns/1000000001/kids", token).statusCode());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void authorizeErrorFault() throws Exception {
        emu.faults().arm(Fault.AUTHORIZE_ERROR, "007008");
        String state = UUID.randomUUID().toString();
        HttpResponse<String> r = client.authorize(client.authorizeParams(state, TestEsiaClient.now()));
        assertEquals(302, r.statusCode());
        Map<String, String> q = TestEsiaClient.locationParams(r);
        assertTrue(q.get("error_description").startsWith("ESIA-007008:"));
        assertEquals(state, q.get("state"));
    }

    @Test
    void tokenErrorFault() throws Exception {
        String code = client.code("1000000001");
        emu.faults().arm(Fault.TOKEN_ERROR, "007011");
        HttpResponse<String> r = client.token(client.tokenParams(code, UUID.randomUUID().toString(), TestEsiaClient.now()));
        assertEquals(400, r.statusCode());
        assertTrue(TestEsiaClient.JSON.readTree(r.body()).path("error_description").asText().startsWith("ESIA-007011:"));
    }

    @Test
    void idTokenFaults() throws Exception {
        emu.faults().arm(Fault.ID_TOKEN_BAD_SIGNATURE);
        assertFalse(TestEsiaClient.verify(client.login("1000000001").path("id_token").asText(), esiaGost));
        emu.faults().reset();

        emu.faults().arm(Fault.ID_TOKEN_WRONG_ISSUER);
        JsonNode c = TestEsiaClient.claims(client.login("1000000001").path("id_token").asText());
        assertNotEquals("http://esia-emulator.localhost/", c.path("iss").asText());
        emu.faults().reset();

        emu.faults().arm(Fault.ID_TOKEN_WRONG_AUDIENCE);
        c = TestEsiaClient.claims(client.login("1000000001").path("id_token").asText());
        assertNotEquals("SCHOOL-DEMO", c.path("aud").asText());
        emu.faults().reset();

        emu.faults().arm(Fault.ID_TOKEN_EXPIRED);
        String expired = client.login("1000000001").path("id_token").asText();
        assertTrue(TestEsiaClient.verify(expired, esiaGost));
        long exp = TestEsiaClient.claims(expired).path("exp").asLong();
        long now = System.currentTimeMillis() / 1000;
        assertTrue(exp <= now - 590 && exp >= now - 610, "exp 10 minutes ago");
        emu.faults().reset();

        emu.faults().arm(Fault.ID_TOKEN_SUB_MISMATCH);
        JsonNode t = client.login("1000000001");
        assertNotEquals("1000000001", TestEsiaClient.claims(t.path("id_token").asText()).path("sub").asText());
        assertEquals("Мария", TestEsiaClient.JSON.readTree(client.get("/rs/prns/1000000001", t.path("access_token").asText()).body())
                .path("firstName").asText());
    }

    @Test
    void tokenStateMismatchFault() throws Exception {
        emu.faults().arm(Fault.TOKEN_STATE_MISMATCH);
        String state = UUID.randomUUID().toString();
        HttpResponse<String> r = client.token(client.tokenParams(client.code("1000000001"), state, TestEsiaClient.now()));
        assertEquals(200, r.statusCode());
        assertNotEquals(state, TestEsiaClient.JSON.readTree(r.body()).path("state").asText());
    }

    @Test
    void personFaults() throws Exception {
        emu.faults().arm(Fault.PERSON_MALFORMED);
        HttpResponse<String> r = client.get("/rs/prns/1000000001", at());
        assertEquals(200, r.statusCode());
        assertThrows(Exception.class, () -> TestEsiaClient.JSON.readTree(r.body()));
        emu.faults().reset();

        emu.faults().arm(Fault.PERSON_OVERSIZED);
        HttpResponse<byte[]> big = client.http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/rs/prns/1000000001"))
                .header("Authorization", "Bearer " + at()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, big.statusCode());
        assertTrue(big.body().length >= 5 * 1024 * 1024);
        TestEsiaClient.JSON.readTree(big.body());
        emu.faults().reset();

        emu.faults().arm(Fault.PERSON_SERVER_ERROR);
        assertEquals(500, client.get("/rs/prns/1000000001/ctts", at()).statusCode());
        emu.faults().reset();

        emu.faults().arm(Fault.PERSON_DELAY, "300");
        long t0 = System.nanoTime();
        assertEquals(200, client.get("/rs/prns/1000000001", at()).statusCode());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 290);
    }

    @Test
    void slowDripSendsTheWholeAnswerButByteByByte() throws Exception {
        emu.faults().arm(Fault.PERSON_SLOW_DRIP, "2");
        long t0 = System.nanoTime();
        HttpResponse<String> r = client.get("/rs/prns/1000000001", at());
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertEquals("Мария", TestEsiaClient.JSON.readTree(r.body()).path("firstName").asText());
        int bytes = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(elapsed >= bytes * 2L * 9 / 10, "one byte per 2 ms: " + bytes + " bytes in " + elapsed + " ms");
    }

    @Test
    void faultsOverHttp() throws Exception {
        HttpResponse<String> r = client.http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/_emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"fault\":\"PERSON_SERVER_ERROR\",\"arg\":null}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(emu.faults().isArmed(Fault.PERSON_SERVER_ERROR));
        assertEquals(500, client.get("/rs/prns/1000000001", at()).statusCode());
        assertEquals(400, client.http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/_emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"fault\":\"NO_SUCH\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        client.http.send(HttpRequest.newBuilder(URI.create(emu.baseUrl() + "/_emulator/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertFalse(emu.faults().isArmed(Fault.PERSON_SERVER_ERROR));
        assertEquals(200, client.get("/rs/prns/1000000001", at()).statusCode());
    }
}
