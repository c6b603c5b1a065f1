package org.schoolesia.it.pages.staff;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.it.pages.Viewport;

/** The console's shell: masthead (organisation, language, user, «Выйти»), navigation, main area, toasts. */
public class StaffConsole {

    protected final WebDriver chromium;

    public StaffConsole(WebDriver chromium) {
        this.chromium = chromium;
    }

    /** Waits until the console stands (the staff member is known and the first view rendered). */
    public StaffConsole ready() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("page-title")).isEmpty() && d.findElements(By.cssSelector("[aria-busy]")).isEmpty()
                && d.findElements(By.cssSelector(".school-loading")).isEmpty());
        return this;
    }

    public String organisation() {
        return text("brand-subtitle");
    }

    public String userName() {
        return chromium.findElement(By.id("user-name")).getDomProperty("textContent");
    }

    public String heading() {
        return text("page-title");
    }

    public String language() {
        return new Select(chromium.findElement(By.id("language"))).getFirstSelectedOption().getDomProperty("value");
    }

    /** The language switch in the masthead; the console re-renders in the new language. */
    public StaffConsole switchLanguage(String tag, String headingAfter) {
        new Select(chromium.findElement(By.id("language"))).selectByValue(tag);
        Viewport.waitFor(chromium, d -> headingAfter.equals(d.findElement(By.id("page-title")).getText()));
        return ready();
    }

    /** A section from the side navigation (opened from the menu button on a phone). */
    public void navigate(String navId) {
        WebElement sidebar = chromium.findElement(By.id("school-sidebar"));
        if (!sidebar.getDomAttribute("class").contains("pf-m-expanded")) {
            press(chromium.findElement(By.id("nav-toggle")));
        }
        // On a phone the sidebar slides in: wait until the link is on screen.
        WebElement link = chromium.findElement(By.id("nav-" + navId));
        Viewport.waitFor(chromium, d -> link.getRect().getX() >= 0 && sidebar.getRect().getX() >= 0);
        press(link);
    }

    /** The title of a PatternFly alert without its screen-reader prefix («Ошибка: », «Готово: »). */
    public static String alertText(WebDriver chromium, WebElement alertOrTitle) {
        return (String) ((JavascriptExecutor) chromium).executeScript("var t = arguments[0].matches('.pf-v5-c-alert__title') ? arguments[0]"
                + " : arguments[0].querySelector('.pf-v5-c-alert__title'); var c = t.cloneNode(true);"
                + " c.querySelectorAll('.pf-v5-screen-reader').forEach(function (e) { e.remove(); }); return c.textContent.trim();", alertOrTitle);
    }

    public PeopleList people(String navId) {
        navigate(navId);
        return new PeopleList(chromium).ready();
    }

    public RequestsQueue requests() {
        navigate("requests");
        return new RequestsQueue(chromium).loaded();
    }

    public Enrolment enrolment() {
        navigate("enrol");
        ready();
        return new Enrolment(chromium);
    }

    public String currentNav() {
        return chromium.findElements(By.cssSelector(".pf-v5-c-nav__link[aria-current=page]")).stream()
                .map(a -> a.getDomAttribute("data-nav")).findFirst().orElse("");
    }

    public List<String> toasts() {
        return chromium.findElements(By.cssSelector("#school-toasts .pf-v5-c-alert__title")).stream()
                .map(e -> alertText(chromium, e)).toList();
    }

    /** Closes every toast by its × (as a person does when one is in the way). */
    public void dismissToasts() {
        dismissToasts(chromium);
    }

    static void dismissToasts(WebDriver chromium) {
        for (WebElement close : chromium.findElements(By.cssSelector("#school-toasts button"))) {
            if (close.isDisplayed()) {
                close.click();
            }
        }
    }

    /**
     * Clicks as a person on a phone does: a toast lying over the control is closed first, and the
     * control is brought to the middle of the screen (not under the sticky header).
     */
    static void press(WebDriver chromium, WebElement control) {
        dismissToasts(chromium);
        ((JavascriptExecutor) chromium).executeScript("arguments[0].scrollIntoView({block: 'center'})", control);
        control.click();
    }

    protected void press(WebElement control) {
        press(chromium, control);
    }

    public void logout() {
        press(chromium.findElement(By.id("logout")));
    }

    /** A refusal shown instead of the console (not staff): the server's words. */
    public String problem() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("problem")).isEmpty());
        return alertText(chromium, chromium.findElement(By.id("problem")));
    }

    public WebElement problemLogout() {
        return chromium.findElement(By.id("problem-logout"));
    }

    protected String text(String id) {
        return chromium.findElement(By.id(id)).getText();
    }

    protected boolean present(String id) {
        return !chromium.findElements(By.id(id)).isEmpty();
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium).executeScript(script, args);
    }

    /** The dialog now open. */
    public Dialog dialog() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
        return new Dialog(chromium);
    }
}
