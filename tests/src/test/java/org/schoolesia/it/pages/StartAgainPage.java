package org.schoolesia.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A themed dead end that is not one: «Начать вход заново» restarts this browser's login. */
public abstract class StartAgainPage extends Page {

    private static final String START_AGAIN = "#school-restart-login";

    protected StartAgainPage(Screen screen, String shownBy) {
        super(screen);
        waitForCss(shownBy);
    }

    public String startAgainLabel() {
        return textOf(START_AGAIN);
    }

    /** «Начать вход заново»: the login page, without an error. */
    public LoginPage startAgain() {
        assertEquals("Начать вход заново", startAgainLabel());
        css(START_AGAIN).click();
        LoginPage login = new LoginPage(screen);
        assertTrue(!login.showsErrorAlert(), login.text());
        return login;
    }
}
