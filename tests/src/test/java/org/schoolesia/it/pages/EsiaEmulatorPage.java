package org.schoolesia.it.pages;

import java.util.function.Function;

/** Госуслуги's login page, as the ESIA emulator shows it: the persons to sign in as, and «Отказаться». */
public final class EsiaEmulatorPage extends Page {

    /** A person's button; the HTTP flows ({@code EsiaFlow}) submit the same one. */
    public static String personButton(String oid) {
        return "#person-" + oid;
    }

    private static final String DECLINE = "#deny";

    public EsiaEmulatorPage(Screen screen) {
        super(screen);
        waitFor(d -> d.getCurrentUrl().startsWith(screen.esiaUrl()));
        waitForCss(DECLINE);
    }

    /** Signs in at Госуслуги as the person {@code oid}; {@code next} is the page that should follow. */
    public <P> P signInAs(String oid, Function<Screen, P> next) {
        css(personButton(oid)).click();
        return next.apply(screen);
    }

    /** «Отказаться»: back to the login page. */
    public LoginPage decline() {
        css(DECLINE).click();
        return new LoginPage(screen);
    }
}
