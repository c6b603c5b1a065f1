package org.schoolesia.it.pages.personal;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * «Доступ для учеников до 14 лет» on a parent's «Персональные настройки» (issue 12, R-FAM-4): each
 * linked pupil with the state (under 14, 14 or older, birth date unknown), the login once created,
 * and «Создать логин» / «Сбросить пароль» — or the reason there are none.
 */
public final class ChildAccess {

    public record Child(String id, String state, boolean created, String name, String login, String reason, String text) {
    }

    private final Screen screen;

    ChildAccess(Screen screen) {
        this.screen = screen;
        screen.waitFor(d -> !d.findElements(By.id("child-access")).isEmpty());
    }

    public String title() {
        return screen.driver().findElement(By.cssSelector("#section-child-access .pf-v5-c-card__title-text")).getText().trim();
    }

    public String intro() {
        return screen.driver().findElement(By.id("child-access-intro")).getText().trim();
    }

    public List<Child> children() {
        return screen.driver().findElements(By.cssSelector("#child-access-list > li")).stream().map(li -> new Child(
                li.getDomAttribute("data-child"), li.getDomAttribute("data-state"), "true".equals(li.getDomAttribute("data-created")),
                li.findElement(By.className("personal-item-title")).getText().trim(),
                li.findElements(By.className("child-access-login")).stream().findFirst().map(WebElement::getText).orElse(null),
                li.findElements(By.className("child-access-reason")).stream().findFirst().map(WebElement::getText).orElse(null),
                li.getText())).toList();
    }

    public Child child(String id) {
        return children().stream().filter(c -> id.equals(c.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no child " + id + " in " + children()));
    }

    /** «Создать логин» of that child: the dialog. */
    public ChildLoginDialog create(String childId) {
        press(By.id("child-create-" + childId));
        return new ChildLoginDialog(screen);
    }

    /** «Сбросить пароль» of that child: the dialog. */
    public ChildLoginDialog reset(String childId) {
        press(By.id("child-reset-" + childId));
        return new ChildLoginDialog(screen);
    }

    /** Whether the child's item offers that action ({@code create} / {@code reset}). */
    public boolean offers(String childId, String action) {
        return !screen.driver().findElements(By.cssSelector("#child-access-list > li[data-child='" + childId + "'] [data-action='" + action + "']"))
                .isEmpty();
    }

    /** Brings the section to the top of the screen (for a screenshot of it). */
    public void scrollIntoView() {
        ((JavascriptExecutor) screen.driver()).executeScript("arguments[0].scrollIntoView(true);",
                screen.driver().findElement(By.id("section-child-access")));
    }

    /** Scrolled into the middle of the phone's screen first, as a thumb would. */
    private void press(By by) {
        WebElement button = screen.driver().findElement(by);
        ((JavascriptExecutor) screen.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        button.click();
    }
}
