package org.schoolesia.esia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The esia module is a generic ESIA identity provider (issue 10): its main sources import nothing
 * of the school module and name no school concept outside comments. What a deployment means by a
 * login parameter is configured on the provider, not coded here.
 */
class NoSchoolWordsTest {

    private static final Set<String> SCHOOL_WORDS = Set.of("school", "parent", "student", "staff", "pupil", "teacher");
    private static final Path MAIN = Path.of("src", "main");

    @Test
    void mainSourcesCarryNoSchoolWordsOutsideComments() throws IOException {
        List<String> hits = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            files = walk.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".properties")).toList();
        }
        assertTrue(files.size() > 40, "expected the module's sources under " + MAIN.toAbsolutePath());
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String code = file.toString().endsWith(".java") ? withoutJavaComments(text) : withoutPropertiesComments(text);
            String[] lines = code.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String word : schoolWords(lines[i])) {
                    hits.add(file + ":" + (i + 1) + " '" + word + "': " + lines[i].trim());
                }
            }
        }
        assertEquals(List.of(), hits);
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertEquals(List.of("school"), schoolWords("String ROLE = \"school_role\";"));
        assertEquals(List.of("parent"), schoolWords("if (\"parent\".equals(role))"));
        assertEquals(List.of("staff"), schoolWords("boolean isStaffMember;"));
        assertEquals(List.of("teachers"), schoolWords("List<String> teachers;"));
        assertEquals(List.of(), schoolWords("package org.schoolesia.esia.broker;"), "the project's package name is no school word");
        assertEquals("int a = 1; \n String s = \"// kept\"; ",
                withoutJavaComments("int a = 1; // the parent\n String s = \"// kept\"; /* pupil */"));
        assertEquals("x=1\n\n", withoutPropertiesComments("x=1\n# school\n"));
    }

    /** Identifier words: split at non-letters and camel-case humps, so isStaffMember yields staff. */
    static List<String> schoolWords(String line) {
        List<String> found = new ArrayList<>();
        String spaced = line.replaceAll("([a-z])([A-Z])", "$1 $2");
        for (String token : spaced.split("[^\\p{L}]+")) {
            String word = token.toLowerCase(Locale.ROOT);
            String singular = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
            if (SCHOOL_WORDS.contains(word) || SCHOOL_WORDS.contains(singular)) {
                found.add(word);
            }
        }
        return found;
    }

    /** Removes // and block comments, keeping string and char literals (and line breaks, for line numbers). */
    static String withoutJavaComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String withoutPropertiesComments(String source) {
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            String trimmed = line.stripLeading();
            out.append(trimmed.startsWith("#") || trimmed.startsWith("!") ? "" : line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
