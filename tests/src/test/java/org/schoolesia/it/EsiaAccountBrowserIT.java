package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.schoolesia.it.pages.OrganisationCascade.Level.ORGANISATION;
import static org.schoolesia.it.pages.OrganisationCascade.Level.REGION;
import static org.schoolesia.it.pages.OrganisationCascade.Level.SETTLEMENT;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.AccountChooserPage;
import org.schoolesia.it.pages.DiaryPage;
import org.schoolesia.it.pages.LinkPage;
import org.schoolesia.it.pages.LoginPage;
import org.schoolesia.it.pages.NotFoundPage;
import org.schoolesia.it.pages.OrganisationCascade;
import org.schoolesia.it.pages.Screen;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.KeycloakExtension;
import org.schoolesia.testkit.RealmAdmin;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Seed 003 on a phone: Debian's Chromium, headless at 390×844. A parent chooses «Вход для
 * родителей», picks himself at the ESIA emulator, presses «Привязать учетную запись», goes through
 * the organisation cascade, types his school login and password, «Войти», and lands in the
 * application; after the cut-off the page explains that a responsible employee links instead, and
 * once a staff member has linked him he goes straight in. A confirmed student is linked by SNILS
 * without any page of ours; a staff member with two accounts chooses one.
 * Screenshots land in target/screenshots.
 */
@ExtendWith(KeycloakExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EsiaAccountBrowserIT {

    /** Кузнецов Андрей's account (kuznetsov.andrey) and the SNILS his ESIA account carries. */
    private static final String ANDREY = "00000000-0000-4000-8000-000000000020";
    private static final String ANDREY_ESIA_SNILS = "19876543247";

    private static DiaryApplication application;
    private static WebDriver chromium;
    private static Screen phone;

    @BeforeAll
    static void start(TestEnvironment env) throws Exception {
        env.resetRealm();
        env.emulator().faults().reset();
        application = DiaryApplication.start(env);
        chromium = Phone.start();
        phone = application.on(chromium, env);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.quit();
            }
        } finally {
            if (application != null) {
                application.close();
            }
        }
    }

    @BeforeEach
    void signedOut(TestEnvironment env) {
        // Nobody is signed in on this phone: Keycloak's cookies go.
        phone.signOut(env.keycloak().realmUrl(DemoRealm.NAME) + "/.well-known/openid-configuration");
    }

    @Test
    @Order(1)
    void r_link_2_parentOnAPhoneLinksHisAccountBeforeTheCutoff(TestEnvironment env) {
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF));
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "link-1"));
        assertEquals("Вход для родителей", login.roleLabel("parent"));
        NotFoundPage notFound = login.chooseParent().signInAs("1000000006", NotFoundPage::new);
        notFound.assertFitsThePhone("unidentified page");
        notFound.screenshot("link-01-unidentified");
        assertEquals("Привязать учетную запись", notFound.linkLabel());
        assertTrue(notFound.offersContact());

        LinkPage link = notFound.linkAccount();
        link.assertFitsThePhone("link form");
        // The organisation list offers every organisation before the rest is chosen (R-ORG-2); the
        // narrowing by district and type is checked on its own below.
        link.organisation().chooseOrganisation("МАУДО ДДЮТ г.Южно-Сахалинск");
        link.enterLogin("kuznetsov.andrey", EsiaAccountLinkIT.PASSWORD);
        link.assertFitsThePhone("filled link form");
        link.screenshot("link-02-form-filled");
        assertEquals("ВОЙТИ", link.linkLabel());
        link.link();

        new DiaryPage(phone).screenshot("link-03-application-signed-in");
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");

        // Linked: a FEDERATED_IDENTITY_LINK of ours for kuznetsov.andrey and ESIA person 1000000006.
        RealmAdmin realm = env.realmAdmin();
        String andrey = realm.userId("kuznetsov.andrey");
        boolean linked = false;
        for (EventRepresentation event : realm.events("FEDERATED_IDENTITY_LINK", 100)) {
            linked |= andrey.equals(event.getUserId()) && "1000000006".equals(detail(event, "esia_oid"));
        }
        assertTrue(linked, "no link event for kuznetsov.andrey");
    }

    @Test
    @Order(2)
    void r_link_4_afterTheCutoffThePageNamesTheResponsibleEmployeeAndFitsThePhone(TestEnvironment env) {
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.DEMO_CUTOFF));
        // Олег has no parent account: not identified.
        NotFoundPage notFound = LoginPage.open(phone, application.loginUrl(env, "link-2")).chooseParent()
                .signInAs("1000000003", NotFoundPage::new);
        notFound.assertFitsThePhone("unidentified page after the cut-off");
        notFound.screenshot("link-04-after-cutoff");
        assertTrue(!notFound.offersLinking(), "no «Привязать учетную запись» after the cut-off");
        String closed = notFound.selfLinkClosedText();
        assertTrue(closed != null && closed.contains("ответственный сотрудник"), closed);
        assertTrue(notFound.offersContact());
        assertEquals("Обратиться в организацию", notFound.contactLabel());
        // Every line of text stays inside the screen.
        notFound.assertEverythingInsideTheScreen("unidentified page after the cut-off");
    }

    @Test
    @Order(3)
    void r_org_2_theCascadeOnTheLinkFormNarrowsTheOrganisationsAsOnTheLoginPage(TestEnvironment env) {
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.OPEN_CUTOFF));
        LinkPage link = LoginPage.open(phone, application.loginUrl(env, "link-3")).chooseParent()
                .signInAs("1000000003", NotFoundPage::new).linkAccount();

        // As on the password login page (OrganisationLoginBrowserIT): one region, chosen by itself;
        // the district's only settlement chosen by itself; the district's only ОДО chosen by itself.
        OrganisationCascade organisation = link.organisation();
        assertEquals("Сахалинская обл", organisation.chosen(REGION));
        organisation.chooseMunicipality("Городской округ Южно-Сахалинск");
        assertEquals("Южно-Сахалинск, г.", organisation.chosen(SETTLEMENT));
        organisation.chooseType("Дополнительное образование детей");
        link.screenshot("link-05-cascade");
        assertEquals("МАУДО ДДЮТ г.Южно-Сахалинск", organisation.chosen(ORGANISATION));
    }

    @Test
    @Order(4)
    void r_link_2_confirmedStudentIsLinkedBySnilsAndGoesStraightIn(TestEnvironment env) {
        // The demo realm links by SNILS: Иванов Пётр's confirmed ESIA SNILS is on ivanov.petr's card.
        RealmAdmin realm = env.realmAdmin();
        String petr = realm.userId("ivanov.petr");
        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "snils-1"));
        assertEquals("Вход для учащихся", login.roleLabel("student"));
        // No page of ours on the way: straight from the emulator into the application.
        DiaryPage diary = login.chooseStudent().signInAs("1000000002", DiaryPage::new);
        diary.screenshot("link-06-snils-application-signed-in");
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        assertEquals(1, realm.sessionCount(petr), "the session is ivanov.petr's");
        boolean bySnils = false;
        for (EventRepresentation event : realm.events("FEDERATED_IDENTITY_LINK", 100)) {
            bySnils |= petr.equals(event.getUserId()) && "1000000002".equals(detail(event, "esia_oid"))
                    && "snils".equals(detail(event, "link_method"));
        }
        assertTrue(bySnils, "no SNILS link event for ivanov.petr");
    }

    @Test
    @Order(5)
    void r_esia_2_staffMemberWithTwoAccountsChoosesOnThePhone(TestEnvironment env) {
        // Смирнов Олег (ESIA 1000000003, staff account smirnov.oleg at СОШ № 2 Корсаков) gets a second
        // staff account at ДДЮТ, linked to him as a realm admin links in the admin console.
        RealmAdmin realm = env.realmAdmin();
        String second = EsiaAccountLinkIT.createAccount(env, "smirnov.ddut", "staff", "ddut-ys", "Олег", "Смирнов", "1979-02-17", Map.of());
        FederatedIdentityRepresentation esia = new FederatedIdentityRepresentation();
        esia.setIdentityProvider("esia");
        esia.setUserId("1000000003");
        esia.setUserName("esia-1000000003");
        try (Response linked = realm.userById(second).addFederatedIdentity("esia", esia)) {
            assertEquals(Response.Status.Family.SUCCESSFUL, linked.getStatusInfo().getFamily(), linked.readEntity(String.class));
        }
        String oleg = realm.userId("smirnov.oleg");

        LoginPage login = LoginPage.open(phone, application.loginUrl(env, "chooser-1"));
        assertEquals("Вход для педагогов и сотрудников", login.roleLabel("staff"));
        AccountChooserPage chooser = login.chooseStaff().signInAs("1000000003", AccountChooserPage::new);
        chooser.assertFitsThePhone("account chooser");
        chooser.assertEverythingInsideTheScreen("account chooser");
        chooser.screenshot("link-07-chooser");
        assertEquals("Выберите учетную запись", chooser.title());
        List<AccountChooserPage.Account> accounts = chooser.accounts();
        assertEquals(2, accounts.size(), chooser.text());
        List<String> organisations = accounts.stream().map(AccountChooserPage.Account::organisation).toList();
        assertTrue(organisations.contains("МАУДО ДДЮТ г.Южно-Сахалинск"), organisations.toString());
        assertTrue(organisations.contains("МАОУ СОШ № 2 г. Корсакова"), organisations.toString());
        AccountChooserPage.Account ddut = accounts.get(organisations.indexOf("МАУДО ДДЮТ г.Южно-Сахалинск"));
        assertEquals(second, ddut.id());
        assertTrue(ddut.text().contains("smirnov.ddut"), ddut.text());
        chooser.choose("МАУДО ДДЮТ г.Южно-Сахалинск");

        new DiaryPage(phone).screenshot("link-08-chooser-application-signed-in");
        assertTrue(application.receivedCode() != null && !application.receivedCode().isEmpty(), "the application received a code");
        // He entered the account he chose.
        assertEquals(1, realm.sessionCount(second), "the session is smirnov.ddut's");
        assertEquals(0, realm.sessionCount(oleg), "smirnov.oleg was not entered");
    }

    @Test
    @Order(6)
    void r_link_4_afterTheCutoffTheStaffLinksAndTheParentThenGoesStraightIn(TestEnvironment env) throws Exception {
        // A fresh realm: Кузнецов Андрей (1000000006) linked himself in the first test.
        env.resetRealm();
        application.close();
        application = DiaryApplication.start(env);
        phone = application.on(chromium, env);
        StaffApi staff = new StaffApi(env);
        staff.createTestClient();
        stepConfig(env, Map.of("selfLinkUntil", EsiaAccountLinkIT.DEMO_CUTOFF));

        NotFoundPage notFound = LoginPage.open(phone, application.loginUrl(env, "staff-link-1")).chooseParent()
                .signInAs("1000000006", NotFoundPage::new);
        notFound.assertFitsThePhone("unidentified page of an unlinked parent after the cut-off");
        notFound.assertEverythingInsideTheScreen("unidentified page of an unlinked parent after the cut-off");
        notFound.screenshot("link-09-unlinked-after-cutoff");
        assertTrue(!notFound.offersLinking(), "no «Привязать учетную запись» after the cut-off");
        String closed = notFound.selfLinkClosedText();
        assertTrue(closed != null && closed.contains("ответственный сотрудник"), closed);

        // The methodologist of ДДЮТ fills the card's SNILS (a direct link needs it) and links ESIA person 1000000006.
        UserResource andrey = env.realmAdmin().userById(ANDREY);
        UserRepresentation card = andrey.toRepresentation();
        card.getAttributes().put("snils", List.of(ANDREY_ESIA_SNILS));
        andrey.update(card);
        HttpResponse<String> linked = staffPut(staff, "metodist.ddut", "/people/" + ANDREY + "/esia-link", "{\"esiaOid\":\"1000000006\"}");
        assertEquals(200, linked.statusCode(), linked.body());
        assertEquals("linked", StaffApi.json(linked).get("status").asText(), linked.body());
        assertEquals("staff", StaffApi.json(linked).get("method").asText(), linked.body());

        chromium.manage().deleteAllCookies();
        DiaryPage diary = LoginPage.open(phone, application.loginUrl(env, "staff-link-2")).chooseParent()
                .signInAs("1000000006", DiaryPage::new);
        diary.screenshot("link-10-staff-linked-application-signed-in");
        assertEquals(1, env.realmAdmin().sessionCount(ANDREY), "the session is kuznetsov.andrey's");
        HttpResponse<String> status = staff.get("metodist.ddut", "/people/" + ANDREY + "/esia-link");
        assertEquals(200, status.statusCode(), status.body());
        assertEquals("staff", StaffApi.json(status).get("method").asText(), "still the staff link: " + status.body());
    }

    private static String detail(EventRepresentation event, String key) {
        return event.getDetails() == null ? null : event.getDetails().get(key);
    }

    private static void stepConfig(TestEnvironment env, Map<String, String> changes) {
        EsiaAccountLinkIT.stepConfig(env, changes);
    }

    /** A PUT to the staff REST API as the staff page sends it. */
    private static HttpResponse<String> staffPut(StaffApi staff, String asUser, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(staff.base() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json").header("Accept-Language", "ru")
                .header("Authorization", "Bearer " + staff.token(asUser)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
