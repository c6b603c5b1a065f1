package org.schoolesia.school.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What the pages' static resources serve and refuse, and the language labels of the switch. */
class PageFilesTest {

    @Test
    void servesOnlyPlainNamesOfKnownKinds() {
        assertEquals("text/javascript; charset=utf-8", StaticFiles.contentType("school-app.js"));
        assertEquals("text/css; charset=utf-8", StaticFiles.contentType("patternfly.min.css"));
        assertEquals("font/woff2", StaticFiles.contentType("assets/fonts/RedHatText/RedHatText-Regular.woff2"));
        assertNull(StaticFiles.contentType("../META-INF/beans.xml"));
        assertNull(StaticFiles.contentType("a/../b.js"));
        assertNull(StaticFiles.contentType("/etc/passwd.js"));
        assertNull(StaticFiles.contentType("org/schoolesia/school/api/PageResource.class"));
        assertNull(StaticFiles.contentType("folder/"));
        assertNull(StaticFiles.contentType(".hidden.js"));
        assertNull(StaticFiles.contentType(""));
        assertNull(StaticFiles.contentType(null));
    }

    @Test
    void theSharedModuleAndKeycloakJsAreInTheJar() {
        assertNotNull(StaticFiles.classpath(PageAssetsResource.FOLDER + "school-app.js"));
        // Unpacked from org.keycloak:keycloak-js-adapter-jar at build time, never committed.
        StaticFiles.File keycloak = StaticFiles.classpath(PageAssetsResource.FOLDER + "keycloak.js");
        assertNotNull(keycloak, "keycloak.js is unpacked into the jar by the build");
        assertTrue(new String(keycloak.body(), StandardCharsets.UTF_8).contains("pkceMethod"));
        assertNull(StaticFiles.classpath(PageAssetsResource.FOLDER + "missing.js"));
    }

    @Test
    void everyPageFolderHoldsItsIndex() {
        PageResource.PAGES.values().forEach(folder ->
                assertNotNull(StaticFiles.classpath(folder + PageResource.INDEX), folder + PageResource.INDEX));
    }

    @Test
    void etagFollowsTheContent() {
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        assertEquals(StaticFiles.etag(a), StaticFiles.etag("a".getBytes(StandardCharsets.UTF_8)));
        assertNotEquals(StaticFiles.etag(a), StaticFiles.etag("b".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void languagesAreNamedInThemselves() {
        assertEquals("Русский", PageAssetsResource.language("ru").label());
        assertEquals("English", PageAssetsResource.language("en").label());
    }
}
