package org.schoolesia.it.pages.personal;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * «Сертификат дополнительного образования» on the personal page (issue 13, seed pictures 25 and 26):
 * the child chooser «Дети», the certificate card (number, status, dates), «Получить сертификат»,
 * or the reasons why not, each with what to do.
 */
public final class CertificateSection {

    /** A reason shown: its code, the words, and what to do. */
    public record Reason(String code, String text, String help) {
    }

    private final Screen screen;

    public CertificateSection(Screen screen) {
        this.screen = screen;
        screen.waitFor(d -> !d.findElements(By.id("certificate")).isEmpty());
    }

    /** The names offered in «Дети» (a parent of two or more), in order; empty when there is no chooser. */
    public List<String> children() {
        return screen.driver().findElements(By.id("certificate-child")).stream()
                .flatMap(s -> new Select(s).getOptions().stream().map(o -> o.getText().trim())).toList();
    }

    /** The only child's name, when a parent has one (no chooser). */
    public String onlyChild() {
        return text("certificate-child-name");
    }

    public CertificateSection choose(String childName) {
        Select select = new Select(screen.driver().findElement(By.id("certificate-child")));
        if (childName.equals(select.getFirstSelectedOption().getText().trim())) {
            return this;
        }
        String before = holder().getDomAttribute("data-child");
        select.selectByVisibleText(childName);
        screen.waitFor(d -> !before.equals(holder().getDomAttribute("data-child")));
        return this;
    }

    public boolean offersCertificate() {
        return !screen.driver().findElements(By.id("certificate-get")).isEmpty();
    }

    /** Presses «Получить сертификат» and waits for the outcome shown (the issued notice or an error). */
    public String getCertificate() {
        WebElement button = screen.driver().findElement(By.id("certificate-get"));
        ((JavascriptExecutor) screen.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        screen.waitFor(d -> !d.findElements(By.id("certificate-issued")).isEmpty() || !d.findElements(By.id("certificate-error")).isEmpty());
        return screen.driver().findElements(By.cssSelector("#certificate-issued, #certificate-error")).get(0).getText().trim();
    }

    /** R-CERT-5: the АИС ПФДО credentials link is on the card. */
    public boolean offersCredentials() {
        return !screen.driver().findElements(By.id("certificate-credentials")).isEmpty();
    }

    /** Clicks the credentials link; the notice (saved, or the error) once the PDF came back. */
    public String downloadCredentials() {
        screen.driver().findElement(By.id("certificate-credentials")).click();
        screen.waitFor(d -> !d.findElements(By.id("certificate-credentials-saved")).isEmpty() || !d.findElements(By.id("certificate-error")).isEmpty());
        return screen.driver().findElements(By.cssSelector("#certificate-credentials-saved, #certificate-error")).get(0).getText().trim();
    }

    public boolean hasCard() {
        return !screen.driver().findElements(By.id("certificate-card")).isEmpty();
    }

    public String number() {
        return text("certificate-number");
    }

    /** The status code of the card (inactive, active, …). */
    public String status() {
        return screen.driver().findElement(By.id("certificate-card")).getDomAttribute("data-status");
    }

    public String statusText() {
        return text("certificate-status");
    }

    public String validFrom() {
        return text("certificate-from");
    }

    public String validTo() {
        return text("certificate-to");
    }

    public String noCertificate() {
        return text("certificate-none");
    }

    public List<Reason> reasons() {
        return screen.driver().findElements(By.cssSelector("#certificate-reasons li[data-reason]")).stream().map(li -> new Reason(
                li.getDomAttribute("data-reason"), li.findElement(By.className("certificate-reason")).getText().trim(),
                li.findElement(By.className("certificate-help")).getText().trim())).toList();
    }

    public List<String> reasonCodes() {
        return reasons().stream().map(Reason::code).toList();
    }

    public String text() {
        return screen.driver().findElement(By.id("section-certificate")).getText();
    }

    private WebElement holder() {
        return screen.driver().findElement(By.id("certificate"));
    }

    private String text(String id) {
        return screen.driver().findElement(By.id(id)).getText().trim();
    }
}
