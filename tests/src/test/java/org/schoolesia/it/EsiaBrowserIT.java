package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=390,844", "--lang=ru", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        // A Russian phone: Keycloak picks the page language from Accept-Language.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "ru-RU,ru"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        chromium = new ChromeDriver(service, options);
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
        new WebDriverWait(chromium, Duration.ofSeconds(30)).until(condition::apply);
    }

    private static void assertFitsPhoneWidth(String what) {
        Object overflow = ((JavascriptExecutor) chromium).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(((Number) overflow).intValue() <= 0, what + " scrolls sideways at phone width by " + overflow + " px");
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of("target/screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) chromium).getScreenshotAs(OutputType.BYTES));
    }
}
