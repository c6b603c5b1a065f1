package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.DiaryPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.Screen;
import org.schoolesia.it.pages.SnilsChildrenPage;
import org.schoolesia.it.pages.staff.Accessibility;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * R-FAM-3 on a parent's phone (Chromium, 390 px, Russian): the parent's SNILS is on two children's
 * cards; at the first Госуслуги login the page «Дети привязаны к вашей учетной записи» names both,
 * fits the screen, passes axe-core, and «Продолжить» goes on to the application. Screenshot:
 * target/screenshots/family-snils-children.png.
 */
@ExtendWith(KeycloakExtension.class)
class FamilySnilsBrowserIT {

    private static final String PETR = "00000000-0000-4000-8000-000000000011";
    private static final String VERA = "00000000-0000-4000-8000-000000000022";

    private final TestEnvironment env;
    private final StaffApi api;
    private DiaryApplication application;
    private WebDriver chromium;

    FamilySnilsBrowserIT(TestEnvironment env) {
        this.env = env;
        this.api = new StaffApi(env);
    }

    @BeforeEach
    void start() throws Exception {
        env.resetRealm();
        api.createTestClient();
        application = DiaryApplication.start(env);
        chromium = Phone.start();
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (application != null) {
            application.close();
        }
    }

    @Test
    void r_fam_3_theParentIsToldOnThePhoneWhichChildrenTheSnilsOnTheirCardsGaveHim() {
        EsiaAccountLinkIT.createAccount(env, "pavlov.igor", "parent", "sosh-1-ys", "Игорь", "Павлов", "1982-02-02",
                Map.of("middleName", "Сергеевич", "snils", "16543298788"));
        for (String child : List.of(PETR, VERA)) {
            assertEquals(201, api.post("zavuch.sosh1", "/people/" + child + "/parent-snils", Map.of("snils", "165-432-987 88")).statusCode());
        }
        Screen phone = application.on(chromium, env);
        SnilsChildrenPage told = LoginPage.open(phone, application.loginUrl(env, "snils-children")).chooseParent()
                .signInAs("1000000011", SnilsChildrenPage::new);
        assertEquals("ru", told.language());
        assertEquals(List.of("Иванов Пётр Сергеевич", "Соколова Вера Алексеевна"), told.children().stream().sorted().toList());
        assertTrue(told.text().contains("Дети привязаны к вашей учетной записи"), told.text());
        assertTrue(told.text().contains("пригласительный код не понадобился"), told.text());
        told.screenshot("family-snils-children");
        told.assertFitsThePhone("SNILS children page");
        // Keycloak's keycloak.v2 template shows the attempted username in an input its label does not name
        // (`for="username"`, input `kc-attempted-username`): Keycloak's markup, left out; the rest is ours.
        Accessibility.assertNoSeriousViolations(chromium, "SNILS children page", List.of("#kc-attempted-username"));

        told.proceed();
        new DiaryPage(phone);
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
    }
}
