package org.schoolesia.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.Phone;

/**
 * Keycloak's login page in the school theme: the Госуслуги role buttons (R-ESIA-2) and the
 * password form with the organisation cascade (R-ODO-2, R-ORG-2).
 */
public final class LoginPage extends Page {

    /** A role's button («Вход для родителей» …); the HTTP flows follow the same one. */
    public static String roleButton(String role) {
        return "#school-esia-role-" + role;
    }

    private static final String ROLES = "#school-esia-roles";
    private static final String ROLES_TITLE = "#school-esia-roles-title";
    private static final String ROLE_BUTTONS = ".school-esia-role";
    private static final String ROLELESS_ESIA_LINK = "#social-esia";
    private static final String PASSWORD_FORM = "#kc-form-login";
    private static final String USERNAME = "#username";
    private static final String PASSWORD = "#password";
    private static final String LOG_IN = "#kc-login";
    private static final String USERNAME_ERROR = "#input-error-username";
    private static final String ERROR_ALERT = ".pf-v5-c-alert.pf-m-danger";
    private static final String NOTE = ".pf-v5-c-alert.pf-m-info";

    /** The relying application sends the browser here. */
    public static LoginPage open(Screen screen, String loginUrl) {
        screen.browser().get(loginUrl);
        return new LoginPage(screen);
    }

    public LoginPage(Screen screen) {
        super(screen);
        waitForCss(roleButton("parent"));
        waitForCss(PASSWORD_FORM);
    }

    public EsiaEmulatorPage chooseParent() {
        return choose("parent");
    }

    public EsiaEmulatorPage chooseStudent() {
        return choose("student");
    }

    public EsiaEmulatorPage chooseStaff() {
        return choose("staff");
    }

    private EsiaEmulatorPage choose(String role) {
        css(roleButton(role)).click();
        return new EsiaEmulatorPage(screen);
    }

    public String esiaTitle() {
        return css(ROLES_TITLE).getText();
    }

    /** The label of a role's button, as shown. */
    public String roleLabel(String role) {
        return css(roleButton(role)).getText();
    }

    /** The role buttons' labels, top to bottom. */
    public List<String> roleLabels() {
        return all(ROLES + " a").stream().map(WebElement::getText).toList();
    }

    /** Keycloak's own single «Вход с учетной записью…» link, which the role buttons replace. */
    public boolean hasRolelessEsiaLink() {
        return present(ROLELESS_ESIA_LINK);
    }

    public OrganisationCascade organisation() {
        return new OrganisationCascade(browser);
    }

    public LoginPage enterLogin(String username, String password) {
        css(USERNAME).sendKeys(username);
        css(PASSWORD).sendKeys(password);
        return this;
    }

    public String logInLabel() {
        return css(LOG_IN).getText();
    }

    /** «ВОЙТИ»; the next page is the application's, or this one with an error. */
    public void logIn() {
        css(LOG_IN).click();
    }

    /** The refusal under the login field, once it is there. */
    public String loginError() {
        waitForCss(USERNAME_ERROR);
        return css(USERNAME_ERROR).getText();
    }

    public boolean showsErrorAlert() {
        return present(ERROR_ALERT);
    }

    /** The calm notes (info alerts) at the top. */
    public List<String> notes() {
        return all(NOTE).stream().map(e -> e.getText().trim()).toList();
    }

    /** Where the password form posts: Keycloak's step address with its one-time code. */
    public String passwordFormAction() {
        return css(PASSWORD_FORM).getAttribute("action");
    }

    /** ESIA-first: the role buttons before the cascade, «Вход для родителей» on the first screen. */
    public void assertGosuslugiFirst() {
        assertTrue(top(roleButton("staff")) < top("#" + OrganisationCascade.Level.REGION.id()),
                "the role buttons come before the organisation cascade");
        assertTrue(top(roleButton("parent")) < Phone.HEIGHT, "«Вход для родителей» is on the first screen");
    }

    /** Password-first: «ВОЙТИ» before Госуслуги. */
    public void assertPasswordFormFirst() {
        assertTrue(top(LOG_IN) < top(roleButton("parent")), "password first: «ВОЙТИ» before Госуслуги");
    }

    /** «ВОЙТИ» submits the password form, right under the password; the Госуслуги buttons are outside it. */
    public void assertEachButtonWithItsForm() {
        WebElement form = css(PASSWORD_FORM);
        assertEquals(1, form.findElements(By.cssSelector(LOG_IN)).size(), "«ВОЙТИ» submits the password form");
        assertTrue(form.findElements(By.cssSelector(ROLES + ", " + ROLE_BUTTONS)).isEmpty(),
                "the Госуслуги buttons are not inside the password form");
        int password = top(PASSWORD);
        int login = top(LOG_IN);
        assertTrue(password < login);
        for (WebElement role : all(ROLE_BUTTONS)) {
            int y = role.getRect().getY();
            assertFalse(y > password && y < login, "«" + role.getText() + "» sits between the password and «ВОЙТИ»");
        }
        assertEquals("ВОЙТИ", logInLabel());
    }

    private int top(String css) {
        return css(css).getRect().getY();
    }
}
