package org.schoolesia.school.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void russianUnlessEnglishIsPreferred() {
        assertEquals(Messages.RUSSIAN, Messages.choose(List.of()));
        assertEquals(Messages.RUSSIAN, Messages.choose(List.of(Locale.GERMAN)));
        assertEquals(Locale.ENGLISH, Messages.choose(List.of(Locale.forLanguageTag("en-GB"), Messages.RUSSIAN)));
        assertEquals(Messages.RUSSIAN, Messages.choose(List.of(Locale.forLanguageTag("ru-RU"), Locale.ENGLISH)));
    }

    @Test
    void everyStaffMessageExistsInBothLanguages() throws IOException {
        Properties ru = load("ru");
        Properties en = load("en");
        // A provider's admin-console texts are Russian only: its English is the provider's own text (AdminTexts).
        ru.stringPropertyNames().stream().filter(k -> k.startsWith("school"))
                .filter(k -> !k.endsWith(".displayType") && !k.endsWith(".helpText"))
                .forEach(k -> assertEquals(true, en.containsKey(k), "missing in English: " + k));
        assertEquals("Учетные данные выдаёт организация, где обучается ребёнок: обратитесь в {0}.", ru.getProperty("schoolNotHomeOrganization"));
        assertEquals("Пароли не совпадают.", ru.getProperty("schoolPasswordMismatch"));
    }

    private static Properties load(String language) throws IOException {
        Properties p = new Properties();
        try (var in = MessagesTest.class.getResourceAsStream("/theme-resources/messages/messages_" + language + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
