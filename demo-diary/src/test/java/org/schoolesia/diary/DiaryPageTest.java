package org.schoolesia.diary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The diary's page says in Russian what the claims say, and shows names as text, never as markup. */
class DiaryPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String page(String claims) throws Exception {
        return DiaryPage.signedIn(new DiaryPage.SignedIn(JSON.readTree(claims), "token"));
    }

    @Test
    void aParentWithoutChildrenIsToldSoAndAnUnknownAgeIsSaidUnknown() throws Exception {
        String html = page("{\"family_name\":\"Кузнецов\",\"given_name\":\"Андрей\",\"school_role\":\"parent\",\"school_children\":[]}");
        assertTrue(html.contains("Вход выполнен: Кузнецов Андрей"), html);
        assertTrue(html.contains("родитель (законный представитель)"), html);
        assertTrue(html.contains("Нет привязанных детей"), html);
        assertTrue(html.contains("неизвестно (нет даты рождения)"), html);
        assertTrue(html.contains("вход через Госуслуги не выполнялся"), html);
    }

    @Test
    void namesAreEscaped() throws Exception {
        String html = page("{\"family_name\":\"<script>alert(1)</script>\",\"school_role\":\"parent\","
                + "\"school_children\":[{\"id\":\"\\\"><b>\",\"given_name\":\"Анна & Co\"}],\"over_14\":false}");
        assertFalse(html.contains("<script>") || html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;") && html.contains("Анна &amp; Co") && html.contains("data-id=\"&quot;&gt;&lt;b&gt;\""), html);
        assertTrue(html.contains("<dd id=\"diary-over-14\">нет</dd>"), html);
    }
}
