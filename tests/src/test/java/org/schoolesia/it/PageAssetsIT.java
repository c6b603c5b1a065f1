package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The pages' footing over plain HTTP: keycloak.js from the adapter jar, PatternFly 5 from
 * Keycloak's common theme and our shared module under /school/assets/, all with the pages' strict
 * CSP; the texts in the language asked for, else Keycloak's own choice; nothing else served.
 */
@ExtendWith(KeycloakExtension.class)
class PageAssetsIT {

    static final String CSP = "default-src 'self'; connect-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static String assets;

    @BeforeAll
    static void start(TestEnvironment env) {
        assets = env.keycloak().realmUrl(DemoRealm.NAME) + "/school/assets/";
    }

    @Test
    void keycloakJsPatternflyAndTheSharedModuleAreServedSameOrigin() throws Exception {
        HttpResponse<String> keycloak = get(assets + "keycloak.js", null, null);
        assertEquals(200, keycloak.statusCode());
        assertTrue(keycloak.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(keycloak.body().contains("pkceMethod"), "the adapter from Maven Central");
        assertEquals(List.of(CSP), keycloak.headers().allValues("Content-Security-Policy"));

        HttpResponse<String> patternfly = get(assets + "patternfly/patternfly.min.css", null, null);
        assertEquals(200, patternfly.statusCode(), "PatternFly 5 from Keycloak's common theme");
        assertTrue(patternfly.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(patternfly.body().contains(".pf-v5-c-page"));
        String etag = patternfly.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(assets + "patternfly/patternfly.min.css", null, etag).statusCode(), "revalidated, not sent again");

        HttpResponse<String> app = get(assets + "school-app.js", null, null);
        assertEquals(200, app.statusCode());
        assertTrue(app.body().contains("export async function startApp"));
        assertFalse(app.body().contains("innerHTML"), "data goes in as text only");
    }

    @Test
    void textsComeInTheAskedLanguageElseKeycloaksChoice() throws Exception {
        JsonNode english = JSON.readTree(get(assets + "messages?lang=en&prefix=staff.", null, null).body());
        assertEquals("en", english.path("locale").asText());
        assertEquals("Log out", english.path("messages").path("app.logout").asText());
        assertTrue(english.path("messages").fieldNames().hasNext());
        english.path("messages").fieldNames().forEachRemaining(key ->
                assertTrue(key.startsWith("app.") || key.startsWith("staff."), key + " is not of the asked prefixes"));
        JsonNode russian = JSON.readTree(get(assets + "messages?lang=ru", null, null).body());
        assertEquals("Выйти", russian.path("messages").path("app.logout").asText());
        assertEquals("Русский", russian.path("locales").path(0).path("label").asText());

        // No language asked: Keycloak's own choice (Accept-Language here), then the realm default (ru).
        assertEquals("en", JSON.readTree(get(assets + "messages", "en-GB,en;q=0.9", null).body()).path("locale").asText());
        assertEquals("ru", JSON.readTree(get(assets + "messages", "de", null).body()).path("locale").asText());
        assertEquals("ru", JSON.readTree(get(assets + "messages?lang=xx", "de", null).body()).path("locale").asText(),
                "a language the realm does not offer is ignored");
    }

    @Test
    void nothingElseIsServed(TestEnvironment env) throws Exception {
        for (String bad : List.of("missing.js", "patternfly/missing.css", "patternfly/../../../theme.properties",
                "school-app.js.bak", "META-INF/beans.xml", "org/schoolesia/school/api/PageResource.class",
                "patternfly/%2e%2e/%2e%2e/login/theme.properties")) {
            int status = get(assets + bad, null, null).statusCode();
            assertTrue(status == 404 || status == 400, bad + " → " + status);
        }
        assertEquals(404, get(env.keycloak().realmUrl(DemoRealm.NAME) + "/school/no-such-page/index.html", null, null).statusCode());
    }

    private static HttpResponse<String> get(String url, String language, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (language != null) {
            request.header("Accept-Language", language);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
