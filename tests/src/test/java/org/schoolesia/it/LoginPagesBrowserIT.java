package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schoolesia.it.pages.OrganisationCascade.Level.ORGANISATION;
import static org.schoolesia.it.pages.OrganisationCascade.Level.SETTLEMENT;
import static org.schoolesia.it.pages.OrganisationCascade.Level.TYPE;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.AuthenticationManagementResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.ErrorPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.OrganisationCascade;
import org.schoolesia.it.pages.PageExpiredPage;
import org.schoolesia.it.pages.Screen;
import org.schoolesia.testkit.Cleanup;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.TestEnvironment;

/**
 * What a parent on a phone (Chromium, 390×844) found confusing on the login pages (issue 10):
 * the order of the login page (R-ESIA-1/2), «Отказаться» at Госуслуги, the expired-page dead end,
 * and the organisation cascade (R-ORG-2). Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
class LoginPagesBrowserIT {

    /** Longer than a 390 px select can show: the real name of a Sakhalin ОДО. */
    private static final String LONG_NAME = "МБУ ДО Центр детского творчества «Радуга» имени Героя Советского Союза "
            + "А. П. Чехова г. Южно-Сахалинска";

    private static DiaryApplication application;
    private static WebDriver chromium;
    private static Screen phone;
    private final Cleanup cleanup = new Cleanup();

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        // Before any page: the login page reads a fresh organisation list for the new realm.
        OrganizationRepresentation org = new OrganizationRepresentation();
        org.setName(LONG_NAME);
        org.setAlias("cdt-raduga-ys");
        org.setEnabled(true);
        org.setAttributes(Map.of("region", List.of("Сахалинская обл"), "municipality", List.of("Городской округ Южно-Сахалинск"),
                "settlement", List.of("Южно-Сахалинск, г."), "type", List.of("supplementary")));
        try (Response created = env.realmAdmin().realm().organizations().create(org)) {
            assertEquals(201, created.getStatus(), created.readEntity(String.class));
        }
        application = DiaryApplication.start(env);
        chromium = Phone.start();
        phone = application.on(chromium, env);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.quit();
        }
        if (application != null) {
            application.close();
        }
    }

    @BeforeEach
    void signedOut() {
        chromium.manage().deleteAllCookies();
    }

    @AfterEach
    void undo() {
        cleanup.close();
    }

    @Test
    void r_esia_1_loginPageOnAPhoneStartsWithGosuslugiAndKeepsEachButtonWithItsForm(TestEnvironment env) {
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "order"));
        login.assertFitsThePhone("ESIA-first login page");
        login.screenshot("pages-01-esia-first");
        // ESIA-first (the default): «Вход для родителей» before the five selects.
        login.assertGosuslugiFirst();
        login.assertEachButtonWithItsForm();

        // An admin may put the password form first (Authentication → the flow → ⚙ of the step).
        setLoginOrder(env, "password-first");
        LoginPage passwordFirst = LoginPage.open(phone, application.loginUrl(env, "order2"));
        passwordFirst.screenshot("pages-02-password-first");
        passwordFirst.assertPasswordFormFirst();
        passwordFirst.assertEachButtonWithItsForm();
    }

    @Test
    void r_esia_2_declineAtGosuslugiBringsACalmNoteAndAStaleReloadOffersAFreshStart(TestEnvironment env) {
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "decline")).chooseParent().decline();
        login.assertFitsThePhone("login page after «Отказаться»");
        login.screenshot("pages-03-declined");
        String page = login.text();
        assertFalse(page.contains("Доступ запрещен"), page);
        assertFalse(login.showsErrorAlert(), "no red alert: " + page);
        assertEquals(List.of("Вход через Госуслуги отменен. Выберите способ входа."), login.notes());

        // Reloading that address (the answer of Госуслуги was used once): no dead end, no button that is not there.
        chromium.navigate().refresh();
        ErrorPage stale = new ErrorPage(phone);
        stale.assertFitsThePhone("stale Госуслуги answer");
        stale.screenshot("pages-04-stale-esia-answer");
        assertFalse(stale.text().contains("Вход с учетной записью портала Госуслуг"), stale.text());
        stale.startAgain();
    }

    @Test
    void expiredLoginPageOffersStartAgainWithTheRealLabels(TestEnvironment env) {
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "expired"));
        // A tab left on a step the login has moved past (Keycloak's "page has expired"): the
        // step's address, without its one-time code, naming an execution that is no longer current.
        String stale = login.passwordFormAction().replaceAll("([?&])session_code=[^&]*&?", "$1")
                .replaceAll("execution=[^&]*", "execution=" + UUID.randomUUID());
        chromium.get(stale);
        PageExpiredPage expired = new PageExpiredPage(phone);
        expired.assertFitsThePhone("expired page");
        expired.screenshot("pages-05-expired");
        assertFalse(expired.text().contains("Нажмите здесь"), expired.text());
        assertTrue(expired.text().contains("Страница входа устарела"), expired.text());
        expired.startAgain();
    }

    @Test
    void r_org_2_cascadeDropsAutomaticChoicesOfAnotherSettlementAndShowsLongNamesInFull(TestEnvironment env) {
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "cascade"));
        OrganisationCascade organisation = login.organisation();
        organisation.chooseMunicipality("Корсаковский городской округ");
        // Корсаков has one school: settlement, type and organisation follow, and say so.
        assertEquals("Корсаков, г.", organisation.chosen(SETTLEMENT));
        assertEquals("Общеобразовательная", organisation.chosen(TYPE));
        assertEquals("МАОУ СОШ № 2 г. Корсакова", organisation.chosen(ORGANISATION));
        assertTrue(organisation.saysChosenAutomatically(ORGANISATION), "the automatic choice is visible");
        login.screenshot("pages-06-cascade-korsakov");

        // Another district: what was chosen for Корсаков by itself goes; nothing is picked for the person.
        organisation.chooseMunicipality("Городской округ Южно-Сахалинск");
        assertEquals("Южно-Сахалинск, г.", organisation.chosen(SETTLEMENT));
        assertEquals("Выберите…", organisation.chosen(TYPE));
        assertEquals("Выберите…", organisation.chosen(ORGANISATION));
        assertFalse(organisation.saysChosenAutomatically(ORGANISATION));
        login.screenshot("pages-07-cascade-another-district");

        // A long name, chosen, is readable in full at 390 px.
        organisation.chooseType("Дополнительное образование детей");
        assertEquals("Выберите…", organisation.chosen(ORGANISATION), "two ОДО: the person chooses");
        organisation.chooseOrganisation(LONG_NAME);
        assertEquals(LONG_NAME, organisation.chosenInFull(ORGANISATION));
        int cut = organisation.chosenInFullCutBy(ORGANISATION);
        assertTrue(cut <= 0, "the chosen name is cut by " + cut + " px");
        // A short name fits its select and is not repeated.
        assertNull(organisation.chosenInFull(SETTLEMENT));
        login.assertFitsThePhone("long organisation name");
        login.screenshot("pages-08-cascade-long-name");
    }

    /** Sets «Порядок входа» of the password step, as an admin does at ⚙ of the step; undone after the test. */
    private void setLoginOrder(TestEnvironment env, String order) {
        AuthenticationManagementResource flows = env.realmAdmin().realm().flows();
        for (AuthenticationExecutionInfoRepresentation execution : flows.getExecutions("school browser forms")) {
            if ("school-organisation-password-form".equals(execution.getProviderId())) {
                AuthenticatorConfigRepresentation config = new AuthenticatorConfigRepresentation();
                config.setAlias("school login order");
                config.setConfig(Map.of("schoolLoginOrder", order));
                try (Response created = flows.newExecutionConfig(execution.getId(), config)) {
                    String id = CreatedResponseUtil.getCreatedId(created);
                    cleanup.add(() -> flows.removeAuthenticatorConfig(id));
                }
                return;
            }
        }
        throw new AssertionError("no school-organisation-password-form step in 'school browser forms'");
    }
}
