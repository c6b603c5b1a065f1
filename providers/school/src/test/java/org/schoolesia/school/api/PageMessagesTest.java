package org.schoolesia.school.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The pages' texts: every key a page asks for by name exists in Russian and English, and both
 * bundles hold the same keys (Russian has two more plural forms, few and many).
 */
class PageMessagesTest {

    private static final List<String> SCRIPTS = List.of("page-assets/school-app.js", "staff-page/main.js", "staff-page/people.js",
            "staff-page/enrolment.js", "staff-page/esia-link.js", "staff-page/requests.js", "staff-page/family.js",
            "staff-page/invitations.js", "staff-page/certificates.js", "staff-page/child-login.js",
            "personal-page/sections/child-login-dialogs.js");
    /** t('staff.card.copy'), plural('staff.requests.days', …): whole keys, not prefixes ending in a dot. */
    private static final Pattern KEY = Pattern.compile("(?:\\bt|plural)\\('((?:app|staff)\\.[A-Za-z0-9.\\-]*[A-Za-z0-9\\-])'");

    @Test
    void everyKeyAPageNamesExistsInBothLanguages() throws IOException {
        Properties ru = bundle("ru");
        Properties en = bundle("en");
        Set<String> missing = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (String script : SCRIPTS) {
            Matcher m = KEY.matcher(read(script));
            while (m.find()) {
                String key = m.group(1);
                named.add(key);
                for (Properties p : List.of(ru, en)) {
                    boolean plural = p.getProperty(key + ".other") != null;
                    if (p.getProperty(key) == null && !plural) {
                        missing.add(script + ": " + key + (p == ru ? " (ru)" : " (en)"));
                    }
                }
            }
        }
        assertTrue(named.size() > 150, "the scripts name their keys: " + named.size());
        assertEquals(Set.of(), missing);
    }

    @Test
    void bothBundlesHoldTheSamePageKeys() throws IOException {
        Set<String> ru = pageKeys(bundle("ru"));
        Set<String> en = pageKeys(bundle("en"));
        assertTrue(ru.size() > 100, "the staff console's texts are in the bundle");
        assertEquals(ru.stream().filter(k -> !k.endsWith(".few") && !k.endsWith(".many")).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(en));
    }

    private static Set<String> pageKeys(Properties p) {
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("app.") || k.startsWith("staff."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Properties bundle(String language) throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource("theme-resources/messages/messages_" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String read(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = PageMessagesTest.class.getClassLoader().getResourceAsStream(name);
        assertNotNull(in, name);
        return in;
    }
}
