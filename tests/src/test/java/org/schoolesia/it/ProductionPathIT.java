package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.SigningServiceStub;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Issue 14: the production path works — {@code production/run.sh} optimises Keycloak with
 * {@code production/keycloak.conf} ({@code kc.sh build}), starts it with {@code start --optimized} on
 * PostgreSQL from Debian's packages, imports the production realm template with the operator's
 * {@code ESIA_*} values from the environment (PEM certificates included), and an ESIA login runs end to
 * end through the emulator with the template's {@code http} signer and the school flow. Its own
 * Keycloak and database, not the suite's shared start-dev server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionPathIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = "school";
    private static final String CLIENT = "school-diary";
    private static final String SECRET = "production-path-secret";
    private static final String REDIRECT = "http://localhost/school-diary/callback";
    /** The emulator's teacher (esia-persons.json): Смирнов Олег Игоревич, born 1979-02-17. */
    private static final String TEACHER_OID = "1000000003";
    private static final String SIGNER_AUTHORIZATION = "Bearer production-path-signer";

    private static SigningServiceStub signer;
    private static TestEnvironment env;

    @BeforeAll
    static void startProduction() throws Exception {
        Path realmConfig = Path.of(System.getProperty("realm.config")).toAbsolutePath().normalize();
        Path root = realmConfig.getParent();
        Path work = Path.of(System.getProperty("test.work.dir", "target/it-work")).resolve("production").toAbsolutePath();
        // kc.sh build, initdb and the first start's schema take minutes on a loaded 2-core machine.
        if (System.getProperty("keycloak.startTimeoutSeconds") == null) {
            System.setProperty("keycloak.startTimeoutSeconds", "900");
        }
        // A fresh database: the template is imported only into one that lacks the realm.
        deleteTree(work);
        signer = SigningServiceStub.start(realmConfig.resolve("keys/client-gost.key.pem"), realmConfig.resolve("keys/client-gost.crt.pem"),
                SIGNER_AUTHORIZATION);
        // The signing service's Authorization header: the template reads ${vault.esia-signer-authorization}.
        Files.createDirectories(work.resolve("vault"));
        Files.writeString(work.resolve("vault/school_esia-signer-authorization"), SIGNER_AUTHORIZATION);
        Map<String, String> operator = Map.of(
                "SCHOOL_PROD_REALM", "production",
                "ESIA_CLIENT_ID", "SCHOOL-DEMO",
                "ESIA_SIGNER_URL", signer.url(),
                // As an operator pastes them: multi-line PEM.
                "ESIA_SIGNER_CERTIFICATE", Files.readString(realmConfig.resolve("keys/client-gost.crt.pem")),
                "ESIA_CERTIFICATES", Files.readString(realmConfig.resolve("keys/esia-gost.crt.pem")));
        env = TestEnvironment.startProduction(root, Path.of(System.getProperty("keycloak.home")), realmConfig, work, operator, List.of(),
                false);
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
        if (signer != null) {
            signer.close();
        }
    }

    @Test
    @Order(1)
    void issue14_optimisedServerOnPostgresImportsTheProductionTemplateFromTheEnvironment() throws Exception {
        String log = Files.readString(env.keycloak().log());
        assertTrue(log.contains("(production) mode") || log.contains("Keycloak 26"), "production mode: " + env.keycloak().tail(20));
        assertTrue(log.contains("Realm '" + REALM + "' imported"), env.keycloak().tail(40));
        assertTrue(env.keycloak().databasePid().isPresent(), "PostgreSQL of its own runs");
        Path conf = Path.of(System.getProperty("test.work.dir", "target/it-work")).resolve("production/keycloak/keycloak/conf/keycloak.conf");
        assertTrue(Files.readString(conf).contains("db=postgres"), "production/keycloak.conf was built in");

        IdentityProviderRepresentation esia = realm().identityProviders().get("esia").toRepresentation();
        assertEquals("production", esia.getConfig().get("esiaEnvironment"));
        assertEquals("http", esia.getConfig().get("esiaSigner"));
        assertEquals("SCHOOL-DEMO", esia.getConfig().get("clientId"));
        assertTrue(esia.getConfig().get("esiaCertificates").startsWith("-----BEGIN CERTIFICATE-----\n"), "PEM arrived whole");
        assertEquals(0, realm().users().count());

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + env.keycloak().managementPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), "metrics-enabled is built in");
    }

    @Test
    @Order(2)
    void issue14_anEsiaLoginRunsEndToEndThroughTheEmulator() throws Exception {
        // What an operator does on a test stand: ESIA → the emulator; one relying system; one linked teacher.
        IdentityProviderRepresentation esia = realm().identityProviders().get("esia").toRepresentation();
        esia.getConfig().put("esiaEnvironment", "custom");
        esia.getConfig().put("esiaBaseUrl", env.emulator().baseUrl());
        esia.getConfig().put("esiaIssuer", "http://esia-emulator.localhost/");
        realm().identityProviders().get("esia").update(esia);
        createClient();
        String userId = createLinkedTeacher();
        int signed = signer.requests();

        Browser browser = new Browser(url -> url.startsWith(REDIRECT));
        Browser.Page picker = browser.open(env.keycloak().realmUrl(REALM) + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&response_type=code&scope=openid&state=s1&kc_idp_hint=esia&school_role=staff&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8));
        assertEquals(200, picker.status(), picker.text());
        assertTrue(picker.url().startsWith(env.emulator().baseUrl()), "straight to ESIA: " + picker.url());
        Browser.Page end = picker.submit("#person-" + TEACHER_OID);
        assertTrue(end.isRedirect() && end.location().startsWith(REDIRECT) && end.location().contains("code="),
                "a returning teacher goes straight in: " + end.status() + " " + end.location() + "\n" + end.text()
                        + "\n" + env.keycloak().tail(30));
        assertTrue(signer.requests() >= signed + 2, "the signing service signed the authorize and token requests");

        String code = URLEncoder.encode(queryParameter(end.location(), "code"), StandardCharsets.UTF_8);
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(env.keycloak().realmUrl(REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + CLIENT + "&client_secret=" + SECRET
                        + "&code=" + code + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(JSON.readTree(token.body()).get("access_token").asText().split("\\.")[1]));
        assertEquals(userId, claims.get("sub").asText());
        assertEquals(env.keycloak().realmUrl(REALM), claims.get("iss").asText(), "issuer from KC_HOSTNAME");

        // Issue 14 on PostgreSQL: our meters on the production build's /metrics, the retention job's deletes, the failed-mail list.
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + env.keycloak().managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("school_esia_logins_total{") && l.contains("outcome=\"linked\"")
                && l.contains("realm=\"" + REALM + "\"") && !l.endsWith(" 0.0")), metrics.body().lines().filter(l -> l.startsWith("school_")).toList().toString());
        // ESIA's own crypto apart from the rest of the login: two signatures (here by the signing service) and one verification.
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("esia_crypto_cpu_seconds_count{") && l.contains("operation=\"sign\"")
                && l.contains("realm=\"" + REALM + "\"") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 2),
                metrics.body().lines().filter(l -> l.startsWith("esia_")).toList().toString());
        assertTrue(metrics.body().lines().anyMatch(l -> l.startsWith("esia_crypto_cpu_seconds_count{") && l.contains("operation=\"verify\"")
                && l.contains("realm=\"" + REALM + "\"") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 1),
                metrics.body().lines().filter(l -> l.startsWith("esia_")).toList().toString());
        HttpResponse<String> purged = env.admin().sendRaw("POST", "/realms/" + REALM + "/school/operations/retention/run", null);
        assertEquals(200, purged.statusCode(), purged.body());
        assertEquals("{\"decidedRequests\":0,\"mail\":0}", purged.body());
        HttpResponse<String> failed = env.admin().sendRaw("GET", "/realms/" + REALM + "/school/operations/failed-mail", null);
        assertEquals(200, failed.statusCode(), failed.body());
        assertEquals("[]", failed.body());
    }

    private static RealmResource realm() {
        return env.keycloakAdmin().realm(REALM);
    }

    private static void createClient() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT);
        client.setSecret(SECRET);
        client.setPublicClient(false);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(REDIRECT));
        try (Response created = realm().clients().create(client)) {
            assertEquals(201, created.getStatus());
        }
    }

    /** A teacher's school account, linked by a realm admin to the emulator's person 1000000003 (method admin). */
    private static String createLinkedTeacher() {
        UserRepresentation user = new UserRepresentation();
        user.setUsername("smirnov.oleg");
        user.setEnabled(true);
        user.setFirstName("Олег");
        user.setLastName("Смирнов");
        user.setAttributes(Map.of("middleName", List.of("Игоревич"), "birthdate", List.of("1979-02-17"), "schoolRole", List.of("staff")));
        String id;
        try (Response created = realm().users().create(user)) {
            assertEquals(201, created.getStatus(), created.readEntity(String.class));
            id = created.getLocation().getPath().replaceAll(".*/", "");
        }
        FederatedIdentityRepresentation link = new FederatedIdentityRepresentation();
        link.setIdentityProvider("esia");
        link.setUserId(TEACHER_OID);
        link.setUserName("esia-" + TEACHER_OID);
        try (Response linked = realm().users().get(id).addFederatedIdentity("esia", link)) {
            assertEquals(204, linked.getStatus());
        }
        return id;
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String queryParameter(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }
}
