package org.schoolesia.school.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 10's rules for the web layer, read from the sources: the kernel imports no capability,
 * nothing imports the composition root, accounts import neither link nor requests.
 */
class DependencyRulesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/schoolesia/school");
    private static final Pattern SCHOOL_IMPORT = Pattern.compile("^import (?:static )?org\\.schoolesia\\.school\\.([a-z]+)\\.", Pattern.MULTILINE);

    @Test
    void theKernelImportsNoCapability() throws IOException {
        assertEquals(List.of(), imports("web", "accounts", "link", "login", "orgs", "requests", "family", "persistence", "api"));
    }

    @Test
    void nothingImportsTheCompositionRoot() throws IOException {
        for (String capability : List.of("web", "accounts", "link", "login", "orgs", "requests", "family", "persistence")) {
            assertEquals(List.of(), imports(capability, "api"), capability);
        }
    }

    @Test
    void accountsImportNeitherLinkNorRequests() throws IOException {
        assertEquals(List.of(), imports("accounts", "link", "requests"));
    }

    /** "File.java → package" for each import of one of {@code forbidden} in package {@code from}. */
    private static List<String> imports(String from, String... forbidden) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve(from))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SCHOOL_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    if (List.of(forbidden).contains(m.group(1))) {
                        found.add(file.getFileName() + " → " + m.group(1));
                    }
                }
            }
        }
        return found;
    }
}
