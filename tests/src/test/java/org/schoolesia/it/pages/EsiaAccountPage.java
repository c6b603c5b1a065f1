package org.schoolesia.it.pages;

/**
 * A page of ours after Госуслуги (the first-login steps): {@code #school-esia-account} names the
 * page it is in {@code data-page} (role, chooser, unconfirmed, unidentified, link, contact,
 * request, sent, pending). The HTTP flows read the same attribute.
 */
public abstract class EsiaAccountPage extends Page {

    public static final String ROOT = "#school-esia-account";
    static final String EXIT = "#school-esia-exit";

    /** The selector of our page {@code page}. */
    public static String page(String page) {
        return ROOT + "[data-page=" + page + "]";
    }

    protected EsiaAccountPage(Screen screen, String page) {
        super(screen);
        waitForCss(page(page));
    }

    /** Every line of the page ends inside the 390 px screen. */
    public void assertEverythingInsideTheScreen(String what) {
        assertEverythingInside(ROOT, what);
    }

    /** «Выйти»: back to the login page. */
    public LoginPage exit() {
        css(EXIT).click();
        return new LoginPage(screen);
    }
}
