package org.schoolesia.it.pages;

import java.util.Locale;

/** «Привязать учетную запись» (R-LINK-2): the organisation cascade, the school login and password, «Войти». */
public final class LinkPage extends EsiaAccountPage {

    private static final String USERNAME = "#username";
    private static final String PASSWORD = "#password";
    private static final String LINK = "#school-esia-link";

    public LinkPage(Screen screen) {
        super(screen, "link");
    }

    public OrganisationCascade organisation() {
        return new OrganisationCascade(browser);
    }

    public LinkPage enterLogin(String username, String password) {
        css(USERNAME).sendKeys(username);
        css(PASSWORD).sendKeys(password);
        return this;
    }

    /** The button's label as shown (upper case, as the theme shows it). */
    public String linkLabel() {
        return textOf(LINK).toUpperCase(Locale.ROOT);
    }

    /** «Войти»: links the account; the next page is the application's when the password is right. */
    public void link() {
        css(LINK).click();
    }

    /** The whole form: organisation, login, password, «Войти». */
    public void linkWithPassword(String organisation, String username, String password) {
        organisation().chooseOrganisation(organisation);
        enterLogin(username, password);
        link();
    }
}
