package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * A parent on a phone: Debian's Chromium, headless at 390×844, logs in to the demo school
 * application through Keycloak and the ESIA emulator. Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
class EsiaBrowserIT {

    private static HttpServer application;
    private static final AtomicReference<String> receivedCode = new AtomicReference<>();
    private static String applicationCallback;
    private static WebDriver chromium;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        // The relying application: records the code it receives, like a real one would.
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/callback", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("code=")) {
                    receivedCode.set(pair.substring(5));
                }
            }
            byte[] body = "<html><body><h1 id=\"signed-in\">Дневник: вход выполнен</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        application.start();
        applicationCallback = "http://127.0.0.1:" + application.getAddress().getPort() + "/callback";
        String clientPath = "/realms/" + DemoRealm.NAME + "/clients";
        ObjectNode client = (ObjectNode) env.admin().get(clientPath + "?clientId=" + DemoRealm.CLIENT_ID).get(0);
        ((ArrayNode) client.get("redirectUris")).add(applicationCallback);
        env.admin().put(clientPath + "/" + client.get("id").asText(), client);

        chromium = Phone.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (application != null) {
            application.stop(0);
        }
    }

    @Test
    void parentOnAPhoneLogsInThroughGosuslugi(TestEnvironment env) throws Exception {
        chromium.get(env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/auth?client_id=" + DemoRealm.CLIENT_ID
                + "&response_type=code&scope=openid&state=s1&redirect_uri=" + URLEncoder.encode(applicationCallback, StandardCharsets.UTF_8));
        assertEquals("ru", chromium.findElement(By.tagName("html")).getAttribute("lang").substring(0, 2));
        assertFitsPhoneWidth("login page");
        screenshot("01-keycloak-login");
        assertTrue(chromium.findElement(By.id("social-esia")).getText().contains("Госуслуг"));

        chromium.findElement(By.id("social-esia")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(env.emulator().baseUrl()));
        assertFitsPhoneWidth("ESIA picker");
        screenshot("02-esia-emulator-picker");

        chromium.findElement(By.id("person-1000000001")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(applicationCallback));
        screenshot("03-application-signed-in");
        assertEquals("Дневник: вход выполнен", chromium.findElement(By.id("signed-in")).getText());
        assertTrue(receivedCode.get() != null && !receivedCode.get().isEmpty(), "the application received a code");
        assertEquals(1, env.admin().users(DemoRealm.NAME, "esia-1000000001").size());
    }

    private static void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        Phone.waitFor(chromium, condition);
    }

    private static void assertFitsPhoneWidth(String what) {
        Phone.assertFitsWidth(chromium, what);
    }

    private static void screenshot(String name) {
        Phone.screenshot(chromium, name);
    }
}
