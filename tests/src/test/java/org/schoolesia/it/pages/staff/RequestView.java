package org.schoolesia.it.pages.staff;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.pages.Viewport;

/** One request: «Данные Госуслуг», the organisation's accounts, the decision. */
public class RequestView extends StaffConsole {

    RequestView(WebDriver chromium) {
        super(chromium);
    }

    RequestView loaded(String number) {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("rq-esia")).isEmpty() && d.findElement(By.id("page-title")).getText().endsWith(number));
        ready();
        return this;
    }

    public String field(String id) {
        return text(id);
    }

    /** Elements inside the person's comment: none, it is text. */
    public long markupInComment() {
        return ((Number) js("return document.querySelectorAll('#rq-comment *').length;")).longValue();
    }

    public boolean pending() {
        return present("rq-accounts");
    }

    public boolean decided() {
        return present("rq-decision");
    }

    public String candidates() {
        return text("rq-candidates");
    }

    public String childCandidates() {
        return text("rq-child-candidates");
    }

    public List<WebElement> accountChoices() {
        return chromium.findElements(By.cssSelector("#rq-candidates input[name=rq-account]"));
    }

    public String checkedChild() {
        return (String) js("var c = document.querySelector('input[name=rq-child]:checked'); return c ? c.value : null;");
    }

    public void choose(WebElement radio) {
        press(chromium.findElement(By.cssSelector("label[for='" + radio.getDomAttribute("id") + "']")));
    }

    public WebElement action(String id) {
        return chromium.findElement(By.id(id));
    }

    /** «Связать…», «Создать…», «Отклонить»: the decision dialog. */
    public Dialog decide(String id) {
        press(action(id));
        return dialog();
    }

    public String actionError() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("rq-action-error")).isEmpty());
        return alertText(chromium, chromium.findElement(By.id("rq-action-error")));
    }

    public void scrollToAccounts() {
        js("var a = document.getElementById('rq-accounts'); if (a) a.scrollIntoView();");
    }

    public RequestsQueue back() {
        press(chromium.findElement(By.id("request-back")));
        return new RequestsQueue(chromium).loaded();
    }
}
