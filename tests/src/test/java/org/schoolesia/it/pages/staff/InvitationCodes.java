package org.schoolesia.it.pages.staff;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.Viewport;

/**
 * The pupil card's «Пригласительные коды» (R-FAM-2): how many codes are active, «Выдать
 * пригласительный код» and the dialog that shows the code once with the printable slip.
 */
public class InvitationCodes extends StaffConsole {

    public InvitationCodes(WebDriver chromium) {
        super(chromium);
    }

    /** Waits until the section has read the pupil's codes. */
    public InvitationCodes loaded() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("invite-count")).isEmpty() || !d.findElements(By.id("invite-error")).isEmpty());
        return this;
    }

    /** «Действующих кодов: 1 из 3». */
    public String count() {
        return text("invite-count");
    }

    public boolean mayIssue() {
        return chromium.findElements(By.id("invite-issue")).stream().anyMatch(org.openqa.selenium.WebElement::isDisplayed);
    }

    /** «Выдать пригласительный код»: the dialog with the code and the slip. */
    public Issued issue() {
        press(chromium.findElement(By.id("invite-issue")));
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("invite-code")).isEmpty());
        return new Issued(dialog());
    }

    /** The code shown once and the slip to hand over. */
    public final class Issued {

        private final Dialog dialog;

        Issued(Dialog dialog) {
            this.dialog = dialog;
        }

        public String title() {
            return dialog.title();
        }

        public String code() {
            return text("invite-code").trim();
        }

        /** The whole slip as printed (always in Russian). */
        public String slip() {
            return text("invite-slip");
        }

        public String personalPageUrl() {
            return text("invite-url").trim();
        }

        public String slipLanguage() {
            return chromium.findElement(By.id("invite-slip")).getDomAttribute("lang");
        }

        /** «Готово»: the dialog closes and the code is gone from the page. */
        public InvitationCodes done() {
            dialog.clickClosing("invite-done");
            return InvitationCodes.this.loaded();
        }
    }
}
