package org.schoolesia.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.Screen;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The relying school application for browser tests: a real callback on loopback, registered as a
 * redirect URI of the demo client, that shows «Дневник: вход выполнен» and keeps the code it got.
 */
final class DiaryApplication implements AutoCloseable {

    private final HttpServer server;
    private final AtomicReference<String> receivedCode = new AtomicReference<>();

    private DiaryApplication(HttpServer server) {
        this.server = server;
    }

    static DiaryApplication start(TestEnvironment env) {
        try {
            DiaryApplication app = new DiaryApplication(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            app.server.createContext("/callback", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    if (pair.startsWith("code=")) {
                        app.receivedCode.set(pair.substring(5));
                    }
                }
                byte[] body = "<html><body><h1 id=\"signed-in\">Дневник: вход выполнен</h1></body></html>".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            app.server.start();
            ClientResource client = env.realmAdmin().client(DemoRealm.CLIENT_ID);
            ClientRepresentation representation = client.toRepresentation();
            List<String> redirects = new ArrayList<>(representation.getRedirectUris());
            redirects.add(app.callback());
            representation.setRedirectUris(redirects);
            client.update(representation);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The phone's screen for page objects: Госуслуги is the run's emulator, the application is this one. */
    Screen on(WebDriver chromium, TestEnvironment env) {
        return new Screen(chromium, env.emulator().baseUrl(), callback());
    }

    String callback() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
    }

    /** Where the application sends a person to log in. */
    String loginUrl(TestEnvironment env, String state) {
        return env.keycloak().realmUrl(DemoRealm.NAME) + "/protocol/openid-connect/auth?client_id=" + DemoRealm.CLIENT_ID
                + "&response_type=code&scope=openid&state=" + state + "&redirect_uri=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8);
    }

    String receivedCode() {
        return receivedCode.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
