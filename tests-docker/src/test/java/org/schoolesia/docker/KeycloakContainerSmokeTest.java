package org.schoolesia.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The stock Keycloak image with our providers, theme and the demo realm: the ESIA identity provider is
 * there and the login page offers «Вход для родителей / учащихся / педагогов и сотрудников» through Госуслуги.
 * Skipped without Docker.
 * The container is created in {@link #start()}, not in a field, so a machine without Docker never builds one.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakContainerSmokeTest {

    private static final String REALM = "school-demo";
    private static final String CLIENT_ID = "school-diary";
    private static final String CLIENT_REDIRECT = "http://localhost/school-diary/callback";

    private static KeycloakContainer keycloak;

    @BeforeAll
    static void start() {
        Path root = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
        keycloak = new KeycloakContainer(System.getProperty("keycloak.image", "quay.io/keycloak/keycloak:26.7.4"))
                .withProviderClassesFrom(classes(root, "providers/esia"), classes(root, "providers/school"), classes(root, "themes"))
                // The imports' CSV library, which Keycloak does not ship (server/pom.xml puts it next to our jars).
                .withProviderLibsFrom(java.util.List.of(root.resolve("server/target/keycloak-26.7.4/providers/commons-csv.jar").toFile()))
                .withRealmImportFile("school-demo-realm.json");
        keycloak.start();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void esiaIdentityProviderIsListed() {
        List<IdentityProviderRepresentation> providers =
                keycloak.getKeycloakAdminClient().realm(REALM).identityProviders().findAll();
        assertTrue(providers.stream().anyMatch(p -> "esia".equals(p.getAlias()) && "esia".equals(p.getProviderId())),
                "no identity provider esia (providerId esia) in " + providers.stream().map(IdentityProviderRepresentation::getAlias).toList());
    }

    @Test
    void loginPageShowsGosuslugiButton() throws Exception {
        String base = keycloak.getAuthServerUrl().replaceAll("/+$", "");
        String url = base + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(CLIENT_REDIRECT, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Language", "ru").GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        Document page = Jsoup.parse(response.body(), url);
        // R-ESIA-2: «Через ГОСУСЛУГИ: войти с ролью», one button per role, linking to the ESIA provider.
        Element title = page.selectFirst("#school-esia-roles-title");
        assertNotNull(title, "no ESIA buttons on the login page: " + response.body());
        assertTrue(title.text().contains("ГОСУСЛУГИ"), "title: " + title.text());
        Element button = page.selectFirst("#school-esia-role-parent");
        assertNotNull(button, "no «Вход для родителей» on the login page: " + response.body());
        assertEquals("Вход для родителей", button.text());
        assertTrue(button.absUrl("href").contains("/realms/" + REALM + "/broker/esia/login?") && button.attr("href").endsWith("&school_role=parent"),
                "button link: " + button.absUrl("href"));
    }

    private static String classes(Path root, String module) {
        Path dir = root.resolve(module).resolve("target/classes");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is missing: build with ./mvnw -B -Pdocker -pl tests-docker -am test");
        }
        return dir.toString();
    }
}
