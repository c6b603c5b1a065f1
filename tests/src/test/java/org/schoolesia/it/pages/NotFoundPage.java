package org.schoolesia.it.pages;

/**
 * «Учетная запись не найдена» (R-LINK-1): the person from Госуслуги has no school account we know.
 * Before the cut-off «Привязать учетную запись» (R-LINK-2); after it, who links instead (R-LINK-4);
 * always «Обратиться в организацию» (R-REQ-1).
 */
public final class NotFoundPage extends EsiaAccountPage {

    static final String LINK = "#school-esia-show-link";
    static final String SELF_LINK_CLOSED = "#school-esia-self-link-closed";
    /** «Обратиться в организацию»; the HTTP flows submit the same button. */
    public static final String CONTACT = "#school-esia-contact";

    public NotFoundPage(Screen screen) {
        super(screen, "unidentified");
    }

    public boolean offersLinking() {
        return present(LINK);
    }

    public String linkLabel() {
        return textOf(LINK);
    }

    /** «Привязать учетную запись». */
    public LinkPage linkAccount() {
        css(LINK).click();
        return new LinkPage(screen);
    }

    /** After the cut-off: who links the account instead (null when the page does not say it). */
    public String selfLinkClosedText() {
        return shown(SELF_LINK_CLOSED) ? css(SELF_LINK_CLOSED).getText() : null;
    }

    public boolean offersContact() {
        return shown(CONTACT);
    }

    public String contactLabel() {
        return textOf(CONTACT);
    }

    /** «Обратиться в организацию». */
    public ContactPage contactOrganisation() {
        css(CONTACT).click();
        return new ContactPage(screen);
    }
}
