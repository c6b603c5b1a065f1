package org.schoolesia.testkit;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Cookies as a browser keeps them for loopback hosts: by host (ports share cookies), path prefix
 * and name. Secure cookies are sent over http on loopback, as Chromium does for localhost.
 */
public final class CookieJar {

    private record Cookie(String host, String path, String name, String value, Instant expires) {
    }

    private final List<Cookie> cookies = new ArrayList<>();

    synchronized void store(URI uri, List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";");
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            String path = "/";
            Instant expires = null;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim();
                String lower = attribute.toLowerCase(Locale.ROOT);
                if (lower.startsWith("path=")) {
                    path = attribute.substring(5);
                } else if (lower.startsWith("max-age=")) {
                    expires = Instant.now().plusSeconds(Long.parseLong(attribute.substring(8).trim()));
                } else if (lower.startsWith("expires=") && expires == null) {
                    try {
                        expires = ZonedDateTime.parse(attribute.substring(8).trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    } catch (RuntimeException ignored) {
                        // unparseable date: a session cookie
                    }
                }
            }
            String host = uri.getHost();
            String cookiePath = path;
            cookies.removeIf(c -> c.host.equals(host) && c.path.equals(cookiePath) && c.name.equals(name));
            if (expires == null || expires.isAfter(Instant.now())) {
                cookies.add(new Cookie(host, path, name, value, expires));
            }
        }
    }

    synchronized String header(URI uri) {
        StringBuilder header = new StringBuilder();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        for (Iterator<Cookie> it = cookies.iterator(); it.hasNext(); ) {
            Cookie cookie = it.next();
            if (cookie.expires != null && cookie.expires.isBefore(Instant.now())) {
                it.remove();
                continue;
            }
            if (cookie.host.equals(uri.getHost()) && path.startsWith(cookie.path)) {
                if (header.length() > 0) {
                    header.append("; ");
                }
                header.append(cookie.name).append('=').append(cookie.value);
            }
        }
        return header.toString();
    }

    /** Forgets every cookie: a new browser profile. */
    public synchronized void clear() {
        cookies.clear();
    }
}
