package org.schoolesia.it.pages.personal;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * «Мои дети» on «Персональные настройки» (issue 12): the parent's children, and «Добавить ребенка»
 * with the child's surname, first name and the invitation code (R-FAM-2).
 */
public final class MyChildren {

    private final Screen screen;

    public MyChildren(Screen screen) {
        this.screen = screen;
        screen.waitFor(d -> !d.findElements(By.id("children-section")).isEmpty());
    }

    /** «Фамилия Имя Отчество» of each child shown. */
    public List<String> names() {
        return screen.driver().findElements(By.cssSelector("#children .personal-child-name")).stream().map(e -> e.getText().trim()).toList();
    }

    public List<String> ids() {
        return screen.driver().findElements(By.cssSelector("#children > li")).stream().map(e -> e.getDomAttribute("data-child")).toList();
    }

    public String text() {
        return screen.driver().findElement(By.id("section-children")).getText();
    }

    /** «Найдены дети» (issue 12): the names of the children from Госуслуги awaiting the school's confirmation. */
    public List<String> found() {
        return screen.driver().findElements(By.cssSelector("#children-found .personal-child-name")).stream().map(e -> e.getText().trim()).toList();
    }

    /** What the parent is told happens next, or "" when nothing is found. */
    public String foundExplanation() {
        return screen.driver().findElements(By.id("children-found-explain")).stream().map(e -> e.getText().trim()).findFirst().orElse("");
    }

    /** Brings «Найдены дети» to the top of the screen (for a screenshot of it). */
    public void scrollToFound() {
        ((JavascriptExecutor) screen.driver()).executeScript("arguments[0].scrollIntoView(true)",
                screen.driver().findElement(By.id("section-children")));
    }

    public boolean empty() {
        return !screen.driver().findElements(By.id("children-empty")).isEmpty();
    }

    /** «Добавить ребенка»: opens the form in place. */
    public MyChildren openForm() {
        press(screen.driver().findElement(By.id("child-add")));
        screen.waitFor(d -> !d.findElements(By.id("child-add-form")).isEmpty());
        return this;
    }

    public MyChildren fill(String lastName, String firstName, String code) {
        type("child-last-name", lastName);
        type("child-first-name", firstName);
        type("child-code", code);
        return this;
    }

    /** «Добавить», then waits for the answer: the confirmation (null when refused). */
    public String submit() {
        press(screen.driver().findElement(By.id("child-add-submit")));
        screen.waitFor(d -> !d.findElements(By.id("child-added")).isEmpty() || !d.findElements(By.id("child-add-error")).isEmpty());
        List<WebElement> done = screen.driver().findElements(By.id("child-added"));
        return done.isEmpty() ? null : title(done.get(0));
    }

    /** The refusal shown in the form, or "" when none. */
    public String error() {
        List<WebElement> error = screen.driver().findElements(By.id("child-add-error"));
        return error.isEmpty() ? "" : title(error.get(0));
    }

    private String title(WebElement alert) {
        return (String) ((JavascriptExecutor) screen.driver()).executeScript("var c = arguments[0].querySelector('.pf-v5-c-alert__title')"
                + ".cloneNode(true); c.querySelectorAll('.pf-v5-screen-reader').forEach(function (e) { e.remove(); }); return c.textContent.trim();",
                alert);
    }

    private void type(String id, String value) {
        WebElement input = screen.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** As a person on a phone: the control brought to the middle of the screen first. */
    private void press(WebElement control) {
        ((JavascriptExecutor) screen.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", control);
        control.click();
    }
}
