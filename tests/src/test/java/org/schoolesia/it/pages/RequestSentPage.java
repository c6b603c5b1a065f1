package org.schoolesia.it.pages;

/** The request is filed: its number («123-456-785») and what happens next. */
public final class RequestSentPage extends EsiaAccountPage {

    /** The request's number; the HTTP flows read the same element. */
    public static final String NUMBER = "#school-request-number";

    public RequestSentPage(Screen screen) {
        super(screen, "sent");
    }

    public String number() {
        return textOf(NUMBER);
    }
}
