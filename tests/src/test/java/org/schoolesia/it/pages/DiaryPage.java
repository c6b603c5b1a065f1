package org.schoolesia.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.openqa.selenium.TimeoutException;

/** The relying school application after the login: «Дневник: вход выполнен». */
public final class DiaryPage extends Page {

    private static final String SIGNED_IN = "#signed-in";

    public DiaryPage(Screen screen) {
        super(screen);
        try {
            waitFor(d -> d.getCurrentUrl().startsWith(screen.applicationUrl()));
        } catch (TimeoutException e) {
            throw new AssertionError("expected the application, got " + browser.getCurrentUrl() + ": " + text(), e);
        }
        assertEquals("Дневник: вход выполнен", css(SIGNED_IN).getText());
    }
}
