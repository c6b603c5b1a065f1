package org.schoolesia.it.pages.staff;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.schoolesia.it.pages.Viewport;

/**
 * The card's «Сертификат дополнительного образования» (issue 13, R-CERT-4): shown to staff of an
 * authorised organisation only; activate, suspend or revoke (the last two with a reason) through a
 * confirmation dialog.
 */
public class CertificatePanel extends StaffConsole {

    public CertificatePanel(WebDriver chromium) {
        super(chromium);
    }

    /** Whether the open card has the section (staff of other organisations never see it). */
    public boolean shown() {
        return present("certificate-section");
    }

    public CertificatePanel waitShown() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("certificate-section")).isEmpty());
        return this;
    }

    /** Brings the section to the top of the screen (for a screenshot of it). */
    public CertificatePanel show() {
        js("document.getElementById('certificate-section').scrollIntoView(true);");
        return this;
    }

    public String number() {
        return text("certificate-number");
    }

    public String status() {
        return chromium.findElement(By.id("certificate-card")).getDomAttribute("data-status");
    }

    public String statusText() {
        return text("certificate-status");
    }

    public boolean offers(String change) {
        return present("certificate-" + change);
    }

    /** Presses «Активировать» / «Приостановить» / «Отозвать»: the confirmation dialog. */
    public Dialog start(String change) {
        press(chromium.findElement(By.id("certificate-" + change)));
        return dialog();
    }

    public void waitStatus(String status) {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("certificate-card")).isEmpty() && status.equals(status()));
    }
}
