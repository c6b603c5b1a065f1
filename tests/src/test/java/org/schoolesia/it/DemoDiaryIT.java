package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.schoolesia.diary.DemoDiary;
import org.schoolesia.testkit.Browser;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * The run command's demo school system (issue 13): the diary on loopback logs a person in through
 * the demo realm (code + PKCE, validated ID token) and shows in Russian who signed in, the school
 * claims and the children; «Выйти» ends the Keycloak session too.
 */
@ExtendWith(KeycloakExtension.class)
class DemoDiaryIT {

    private final TestEnvironment env;
    private DemoDiary diary;
    private String diaryUrl;

    DemoDiaryIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void startDiary() throws Exception {
        env.resetRealm();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        diaryUrl = "http://localhost:" + port;
        // As the demo realm registers the run command's diary (port 8082), for this run's port.
        ClientResource client = env.realmAdmin().client(DemoRealm.CLIENT_ID);
        ClientRepresentation representation = client.toRepresentation();
        List<String> redirects = new ArrayList<>(representation.getRedirectUris());
        redirects.add(diaryUrl + "/callback");
        representation.setRedirectUris(redirects);
        representation.getAttributes().put("post.logout.redirect.uris", diaryUrl + "/*");
        client.update(representation);
        diary = DemoDiary.start(new DemoDiary.Settings(env.keycloak().realmUrl(DemoRealm.NAME), DemoRealm.CLIENT_ID, DemoRealm.CLIENT_SECRET,
                diaryUrl), port);
    }

    @AfterEach
    void stopDiary() {
        diary.close();
    }

    @Test
    void r_fam_1_parentSignsInAndSeesHerRoleSchoolAndTwoChildrenInRussianThenSignsOut() {
        Browser browser = new Browser(url -> false);
        Browser.Page welcome = browser.open(diaryUrl + "/");
        assertEquals(200, welcome.status(), welcome.text());
        assertTrue(welcome.text().contains("Войти через школьный портал"), welcome.text());

        Browser.Page page = signIn(browser, welcome, "sosh-1-ys", "ivanova.maria");
        assertEquals("Вход выполнен: Иванова Мария Петровна", page.document().selectFirst("#diary-person").text(), page.text());
        assertEquals("родитель (законный представитель)", page.document().selectFirst("#diary-role").text());
        assertEquals("МАОУ СОШ № 1 г. Южно-Сахалинска", page.document().selectFirst("#diary-home").text());
        assertTrue(page.document().selectFirst("#diary-member-of").text().contains("МАУДО ДДЮТ г.Южно-Сахалинск"), page.text());
        assertEquals("да", page.document().selectFirst("#diary-over-14").text());
        assertEquals(List.of("Иванов Пётр Сергеевич", "Иванова Анна Сергеевна"), page.document().select("#diary-children li").eachText());
        assertTrue(page.body().indexOf("11223344595") < 0, "no SNILS on the page");
        // Issue 13: the certificates API's answer, asked with her access token, per child (both may apply in the demo).
        assertEquals(List.of("Иванов Пётр Сергеевич: можно подать заявление на сертификат",
                        "Иванова Анна Сергеевна: можно подать заявление на сертификат"),
                page.document().select("#diary-certificates > li").eachText(), page.text());

        Browser.Page out = page.follow("#diary-logout");
        assertEquals(200, out.status(), out.text());
        assertTrue(out.url().startsWith(diaryUrl), out.url());
        assertNotNull(out.document().selectFirst("#diary-login"), out.text());
        // The Keycloak session ended too: the next login asks for the password again.
        Browser.Page again = out.follow("#diary-login");
        assertNotNull(again.document().selectFirst("#kc-login"), again.text());
    }

    @Test
    void teacherSeesHisSchoolAndNoChildrenSection() {
        Browser browser = new Browser(url -> false);
        Browser.Page page = signIn(browser, browser.open(diaryUrl + "/"), "sosh-2-korsakov", "smirnov.oleg");
        assertEquals("Вход выполнен: Смирнов Олег Игоревич", page.document().selectFirst("#diary-person").text(), page.text());
        assertEquals("сотрудник", page.document().selectFirst("#diary-role").text());
        assertNull(page.document().selectFirst("#diary-children"));
    }

    @Test
    void r_cert_6_2_aPupilOf13Years364DaysSeesWhyHeCannotApplyHimself_R_AGE_1() {
        CertificateFixtures.person(env, CertificateFixtures.PUPIL_13Y364D, "Орлов", "Максим",
                java.time.LocalDate.now(CertificateFixtures.SAKHALIN).minusYears(14).plusDays(1), "student");
        Browser browser = new Browser(url -> false);
        Browser.Page page = signIn(browser, browser.open(diaryUrl + "/"), "sosh-1-ys", CertificateFixtures.PUPIL_13Y364D);
        assertEquals("обучающийся", page.document().selectFirst("#diary-role").text(), page.text());
        assertEquals("нет", page.document().selectFirst("#diary-over-14").text());
        var entry = page.document().selectFirst("#diary-certificates > li");
        assertNotNull(entry, page.text());
        assertEquals("false", entry.attr("data-eligible"));
        assertTrue(entry.text().startsWith("Вы: заявление на сертификат подать нельзя"), entry.text());
        assertEquals("pupil_under_14", entry.selectFirst(".diary-certificate-reasons li").attr("data-code"));
        assertTrue(entry.text().contains("Учащийся младше 14 лет не может получить сертификат в своем личном кабинете."), entry.text());
    }

    @Test
    void aCallbackWithoutTheDiarysOwnLoginIsRefusedInRussian() {
        Browser.Page forged = new Browser(url -> false).open(diaryUrl + "/callback?code=abc&state=forged");
        assertEquals(400, forged.status());
        assertTrue(forged.text().contains("Ссылка входа устарела"), forged.text());
    }

    private static Browser.Page signIn(Browser browser, Browser.Page welcome, String organisation, String username) {
        Browser.Page form = welcome.follow("#diary-login");
        assertNotNull(form.document().selectFirst("#kc-login"), form.text());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("organization", organisation);
        values.put("username", username);
        values.put("password", "Demo-pass-1");
        Browser.Page page = form.submit("#kc-login", values);
        assertEquals(200, page.status(), page.text());
        return page;
    }
}
