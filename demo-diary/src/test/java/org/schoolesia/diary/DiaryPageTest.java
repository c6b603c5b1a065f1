package org.schoolesia.diary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The diary's page says in Russian what the claims say, and shows names as text, never as markup. */
class DiaryPageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String page(String claims) throws Exception {
        return DiaryPage.signedIn(new DiaryPage.SignedIn(JSON.readTree(claims), "token", null));
    }

    private static String page(String claims, String eligibility) throws Exception {
        return DiaryPage.signedIn(new DiaryPage.SignedIn(JSON.readTree(claims), "token", JSON.readTree(eligibility)));
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

    @Test
    void r_cert_6_theEligibilityAnswerIsShownPerChildWithEveryReasonAndTheCertificate() throws Exception {
        String html = page("{\"family_name\":\"Иванова\",\"school_role\":\"parent\"}", "{\"entries\":["
                + "{\"child\":{\"id\":\"c1\",\"lastName\":\"Иванов\",\"firstName\":\"Пётр\",\"middleName\":null},\"self\":false,\"eligible\":true,"
                + "\"reasons\":[],\"certificate\":null},"
                + "{\"child\":{\"id\":\"c2\",\"lastName\":\"Иванова\",\"firstName\":\"Анна\"},\"self\":false,\"eligible\":false,"
                + "\"reasons\":[{\"code\":\"already_has_certificate\",\"message\":\"У ребенка уже есть сертификат.\",\"help\":\"Новый не нужен.\"},"
                + "{\"code\":\"module_off_realm\",\"message\":\"Модуль <выключен>.\",\"help\":\"\"}],"
                + "\"certificate\":{\"number\":\"123456789012\",\"statusLabel\":\"Неактивирован\",\"validFrom\":\"2026-09-01\",\"validTo\":\"2027-08-31\"}}]}");
        assertTrue(html.contains("<li data-id=\"c1\" data-eligible=\"true\"><span class=\"diary-certificate-who\">Иванов Пётр</span>: "
                + "<span class=\"diary-certificate-verdict\">можно подать заявление на сертификат</span></li>"), html);
        assertTrue(html.contains("Иванова Анна</span>: <span class=\"diary-certificate-verdict\">заявление на сертификат подать нельзя"), html);
        assertTrue(html.contains("<li data-code=\"already_has_certificate\">У ребенка уже есть сертификат. Новый не нужен.</li>"), html);
        assertTrue(html.contains("Модуль &lt;выключен&gt;."), html);
        assertTrue(html.contains("Сертификат № 123456789012, статус «Неактивирован», действует с 2026-09-01 по 2027-08-31"), html);
    }

    @Test
    void aPupilIsAnsweredAboutHimselfAndAnUnansweredApiIsSaid() throws Exception {
        String html = page("{\"school_role\":\"student\"}", "{\"entries\":[{\"child\":{\"id\":\"me\"},\"self\":true,\"eligible\":false,"
                + "\"reasons\":[{\"code\":\"pupil_under_14\",\"message\":\"Младше 14.\",\"help\":\"Попросите родителя.\"}]}]}");
        assertTrue(html.contains("<span class=\"diary-certificate-who\">Вы</span>"), html);
        assertTrue(html.contains("Младше 14. Попросите родителя."), html);
        assertTrue(page("{\"school_role\":\"student\"}").contains("id=\"diary-certificates-unavailable\""));
    }
}
