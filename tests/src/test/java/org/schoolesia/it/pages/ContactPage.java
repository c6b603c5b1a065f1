package org.schoolesia.it.pages;

/** «Обратиться в организацию»: what a request is, and «Продолжить» to the form (R-REQ-1). */
public final class ContactPage extends EsiaAccountPage {

    /** «Продолжить»; the HTTP flows submit the same button. */
    public static final String CONTINUE = "#school-esia-continue";

    public ContactPage(Screen screen) {
        super(screen, "contact");
    }

    public String continueLabel() {
        return textOf(CONTINUE);
    }

    /** «Продолжить». */
    public RequestFormPage continueToForm() {
        css(CONTINUE).click();
        return new RequestFormPage(screen);
    }
}
