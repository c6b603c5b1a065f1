package org.schoolesia.it.pages;

/** The school theme's error page (a failed or stale Госуслуги answer, a used link …). */
public final class ErrorPage extends StartAgainPage {

    private static final String MESSAGE = "#kc-error-message";

    public ErrorPage(Screen screen) {
        super(screen, MESSAGE);
    }

    public String errorText() {
        return textOf(MESSAGE);
    }
}
