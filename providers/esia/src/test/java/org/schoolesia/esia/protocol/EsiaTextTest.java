package org.schoolesia.esia.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Defect 6 of issue 10: each kind of field from ESIA is bounded before it goes anywhere. */
class EsiaTextTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void namesLoseBidiZeroWidthAndControlCharactersAndAreCut() {
        assertEquals("Иванова", EsiaText.name("\u202EИва\u200Bнова\u202C"));
        assertEquals("Анна Мария", EsiaText.name("\uFEFF Анна\u2066\t\u2069Мария \u200F"));
        assertEquals("Пётр", EsiaText.name("Пе\u0308тр"), "NFC: е + combining diaeresis is ё");
        assertNull(EsiaText.name("\u200B\u200D\u2060"));
        assertNull(EsiaText.name("   "));
        String surname = "Оченьдлиннаяфамилия".repeat(540); // about 10 KB
        assertEquals(EsiaText.NAME_MAX, EsiaText.name(surname).length());
        assertEquals(100, EsiaText.name("\uD83D\uDE00".repeat(150)).codePointCount(0, 200), "cut at a code point, not inside a pair");
    }

    @Test
    void emailIsTakenWholeOrNotAtAll() {
        assertEquals("maria@example.ru", EsiaText.email(" maria@example.ru "));
        assertNull(EsiaText.email("a".repeat(250) + "@example.ru"));
        assertNull(EsiaText.email("no-at-sign.example.ru"));
        assertNull(EsiaText.email("two words@example.ru"));
        assertNull(EsiaText.email("maria@example.ru\r\nBcc: x@y.z"));
    }

    @Test
    void mobileIsDigitsAndFormattingOnly() {
        assertEquals("+7(912)3456701", EsiaText.mobile("+7(912)3456701"));
        assertNull(EsiaText.mobile("+7(912)3456701" + "0".repeat(40)));
        assertNull(EsiaText.mobile("call me"));
    }

    @Test
    void codesAreShortWordsInUpperCase() {
        assertEquals("DELETED", EsiaText.code("deleted"));
        assertEquals("RUS", EsiaText.code("RUS"));
        assertNull(EsiaText.code("REGISTERED; DROP"));
        assertNull(EsiaText.code("X".repeat(33)));
    }

    @Test
    void documentPartsAndIdentifiersAreBounded() {
        assertEquals("IV-МЮ", EsiaText.documentPart("IV-МЮ"));
        assertNull(EsiaText.documentPart("1".repeat(21)));
        assertNull(EsiaText.documentPart("<script>"));
        assertEquals("1000000001", EsiaText.oid("1000000001"));
        assertNull(EsiaText.oid("../../1000000001"), "a child's id goes into a URL path");
        assertNull(EsiaText.oid("1".repeat(41)));
    }

    @Test
    void birthDatesInTheFutureOrOverAHundredAndTwentyYearsAgoAreUnknown() {
        assertNull(EsiaText.birthDate(LocalDate.of(2099, 1, 1), TODAY));
        assertNull(EsiaText.birthDate(TODAY.plusDays(1), TODAY));
        assertEquals(TODAY, EsiaText.birthDate(TODAY, TODAY));
        assertNull(EsiaText.birthDate(LocalDate.of(1890, 1, 1), TODAY));
        assertNull(EsiaText.birthDate(TODAY.minusYears(120).minusDays(1), TODAY));
        assertEquals(TODAY.minusYears(120), EsiaText.birthDate(TODAY.minusYears(120), TODAY));
        assertNull(EsiaText.birthDate(null, TODAY));
    }
}
