package org.schoolesia.school.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LoginGeneratorTest {

    @Test
    void transliteratesRussianNamesToLatinLetters() {
        assertEquals("kuznetsov", Transliteration.latin("Кузнецов"));
        assertEquals("shchukina", Transliteration.latin("Щукина"));
        assertEquals("fedorov", Transliteration.latin("Фёдоров"));
        assertEquals("rimskiikorsakov", Transliteration.latin("Римский-Корсаков"));
        assertEquals("iuliia", Transliteration.latin("Юлия"));
        assertEquals("", Transliteration.latin(null));
    }

    @Test
    void loginIsSurnamePlusInitialThenNumbered() {
        assertEquals("kuznetsovi", LoginGenerator.generate("Кузнецов", "Илья", Set.of()::contains));
        assertEquals("kuznetsovi2", LoginGenerator.generate("Кузнецов", "Иван", Set.of("kuznetsovi")::contains));
        assertEquals("kuznetsovi3", LoginGenerator.generate("Кузнецов", "Игорь", Set.of("kuznetsovi", "kuznetsovi2")::contains));
    }

    @Test
    void shortOrForeignNamesStillGiveAValidLogin() {
        assertEquals("lia", LoginGenerator.generate("Ли", "Анна", Set.of()::contains));
        assertEquals("userui", LoginGenerator.generate("У", "Ирина", Set.of()::contains));
        assertEquals("smithj", LoginGenerator.generate("Smith", "John", Set.of()::contains));
        String longName = LoginGenerator.generate("Ааааааааааааааааааааааааааааааааааааааааааааааааа", "Б", Set.of()::contains);
        assertEquals(LoginGenerator.MAX_BASE_LENGTH, longName.length());
    }
}
