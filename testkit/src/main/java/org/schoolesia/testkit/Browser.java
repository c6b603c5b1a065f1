package org.schoolesia.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A small HTTP-level browser for flow tests: follows redirects across Keycloak and the emulator,
 * keeps cookies (including Keycloak's Secure ones on loopback, as real browsers do), submits
 * forms. Redirects to a URL the {@code stopAt} predicate accepts are not followed: that is where
 * a relying application would receive its code. Chromium tests cover what needs a real browser.
 */
public final class Browser {

    // HTTP/1.1 as browsers speak to these servers: the JDK client's cleartext HTTP/2 upgrade attempt
    // is a needless variable (a login once hung on it), and a hard bound on every wait below.
    private static final long ANSWER_SECONDS = 90;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final CookieJar cookies = new CookieJar();
    private final Predicate<String> stopAt;
    private final List<String> history = new ArrayList<>();
    private String acceptLanguage = "ru";

    public Browser(Predicate<String> stopAt) {
        this.stopAt = stopAt;
    }

    public Browser language(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
        return this;
    }

    /** Every URL this browser requested, in order. */
    public List<String> history() {
        return List.copyOf(history);
    }

    public CookieJar cookies() {
        return cookies;
    }

    public Page open(String url) {
        return follow(request(url).GET().build());
    }

    public Page post(String url, Map<String, String> form) {
        return follow(request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    /** Loads a URL without following its redirect: to look at where it would go. */
    public Page openOnce(String url) {
        return send(request(url).GET().build());
    }

    private Page follow(HttpRequest first) {
        Page page = send(first);
        for (int hops = 0; hops < 25 && page.isRedirect(); hops++) {
            String next = page.location();
            if (stopAt.test(next)) {
                return page;
            }
            page = send(request(next).GET().build());
        }
        return page;
    }

    private HttpRequest.Builder request(String url) {
        URI uri = URI.create(url);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Accept-Language", acceptLanguage)
                .header("User-Agent", "school-esia-testkit");
        String cookie = cookies.header(uri);
        if (!cookie.isEmpty()) {
            builder.header("Cookie", cookie);
        }
        return builder;
    }

    private Page send(HttpRequest request) {
        history.add(request.uri().toString());
        try {
            HttpResponse<String> response;
            try {
                response = http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                        .get(ANSWER_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new UncheckedIOException(new IOException("no answer from " + request.uri() + " within " + ANSWER_SECONDS + " s"));
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            cookies.store(request.uri(), response.headers().allValues("Set-Cookie"));
            String location = response.headers().firstValue("Location").map(l -> request.uri().resolve(l).toString()).orElse(null);
            return new Page(this, request.uri().toString(), response.statusCode(), response.body(), location, response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(Map<String, String> form) {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    /** One response. */
    public record Page(Browser browser, String url, int status, String body, String location, Map<String, List<String>> headers) {

        public boolean isRedirect() {
            return status >= 300 && status < 400 && location != null;
        }

        public Document document() {
            return Jsoup.parse(body, url);
        }

        public String text() {
            return document().text();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** Follows the first link whose text contains {@code text}. */
        public Page clickLink(String text) {
            Element link = document().select("a").stream().filter(a -> a.text().contains(text)).findFirst()
                    .orElseThrow(() -> new AssertionError("no link '" + text + "' on " + url + ":\n" + text()));
            return browser.open(link.absUrl("href"));
        }

        /** Follows the link {@code selector} points at, as a click does. */
        public Page follow(String selector) {
            Element link = document().selectFirst(selector);
            if (link == null || link.absUrl("href").isEmpty()) {
                throw new AssertionError("no link '" + selector + "' on " + url + ":\n" + text());
            }
            return browser.open(link.absUrl("href"));
        }

        /** Submits the form that contains {@code buttonSelector}, pressing that button, with extra field values. */
        public Page submit(String buttonSelector, Map<String, String> values) {
            Element button = document().selectFirst(buttonSelector);
            if (button == null) {
                throw new AssertionError("no '" + buttonSelector + "' on " + url + ":\n" + text());
            }
            // As browsers do: a button's form attribute names its form, wherever the button sits.
            Element form = button.hasAttr("form") ? document().getElementById(button.attr("form")) : button.closest("form");
            if (form == null) {
                throw new AssertionError("'" + buttonSelector + "' belongs to no form on " + url);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Element input : form.select("input[name], select[name], textarea[name]")) {
                String type = input.attr("type");
                if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                    continue;
                }
                if (type.equals("submit")) {
                    continue;
                }
                fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.text() : input.val());
            }
            if (button.hasAttr("name")) {
                fields.put(button.attr("name"), button.val());
            }
            fields.putAll(values);
            String action = form.absUrl("action").isEmpty() ? url : form.absUrl("action");
            if (form.attr("method").equalsIgnoreCase("get")) {
                return browser.open(action + (action.contains("?") ? "&" : "?") + encode(fields));
            }
            return browser.post(action, fields);
        }

        public Page submit(String buttonSelector) {
            return submit(buttonSelector, Map.of());
        }
    }
}
