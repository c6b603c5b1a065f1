package org.schoolesia.it.pages.staff;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.pages.Viewport;

/** A PatternFly modal (password, Госуслуги confirmation, a decision on a request). */
public class Dialog {

    private final WebDriver chromium;

    Dialog(WebDriver chromium) {
        this.chromium = chromium;
    }

    public String title() {
        return box().findElement(By.cssSelector(".pf-v5-c-modal-box__title")).getText();
    }

    /** The error shown in the dialog, or "" when none. */
    public String error() {
        return box().findElements(By.cssSelector(".school-dialog-error .pf-v5-c-alert__title")).stream()
                .map(e -> StaffConsole.alertText(chromium, e)).findFirst().orElse("");
    }

    public WebElement field(String id) {
        return chromium.findElement(By.id(id));
    }

    public String text(String id) {
        return chromium.findElement(By.id(id)).getText();
    }

    public Dialog type(String id, String value) {
        WebElement input = field(id);
        input.clear();
        input.sendKeys(value);
        return this;
    }

    public void click(String id) {
        StaffConsole.press(chromium, chromium.findElement(By.id(id)));
    }

    /** Presses the button and waits for an error to show in the dialog. */
    public String clickExpectingError(String id) {
        click(id);
        Viewport.waitFor(chromium, d -> !error().isEmpty());
        return error();
    }

    /** Presses the button and waits for the dialog to close. */
    public void clickClosing(String id) {
        click(id);
        waitClosed(chromium);
    }

    public boolean open() {
        return !chromium.findElements(By.cssSelector("[role=dialog]")).isEmpty();
    }

    static void waitClosed(WebDriver chromium) {
        Viewport.waitFor(chromium, d -> d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
    }

    private WebElement box() {
        return chromium.findElement(By.cssSelector("[role=dialog]"));
    }
}
