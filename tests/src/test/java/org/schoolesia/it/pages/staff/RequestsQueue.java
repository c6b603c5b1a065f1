package org.schoolesia.it.pages.staff;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.it.pages.Viewport;

/** «Обращения»: filters, the overdue banner, the queue, the message of the last decision. */
public class RequestsQueue extends StaffConsole {

    RequestsQueue(WebDriver chromium) {
        super(chromium);
    }

    RequestsQueue loaded() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.cssSelector("#requests-results[data-loads]")).isEmpty());
        ready();
        return this;
    }

    public String statusFilter() {
        return new Select(chromium.findElement(By.id("r-status"))).getFirstSelectedOption().getText();
    }

    /** Chooses a status by its value (pending, all, …) and presses «Показать». */
    public RequestsQueue show(String status) {
        new Select(chromium.findElement(By.id("r-status"))).selectByValue(status);
        String before = loads();
        press(chromium.findElement(By.id("r-load")));
        Viewport.waitFor(chromium, d -> !before.equals(loads()));
        return this;
    }

    private String loads() {
        return chromium.findElement(By.id("requests-results")).getDomAttribute("data-loads");
    }

    public String rows() {
        return text("requests-results");
    }

    public boolean overdueBanner() {
        return present("requests-overdue");
    }

    public String success() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("requests-success")).isEmpty());
        return alertText(chromium, chromium.findElement(By.id("requests-success")));
    }

    public RequestView open(String number) {
        WebElement link = chromium.findElements(By.cssSelector("#requests-results a.request-link")).stream()
                .filter(a -> a.getText().endsWith(" " + number)).findFirst()
                .orElseThrow(() -> new AssertionError(number + " is not in the queue: " + rows()));
        press(link);
        return new RequestView(chromium).loaded(number);
    }
}
