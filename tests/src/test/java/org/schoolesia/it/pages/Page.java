package org.schoolesia.it.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.Phone;

/**
 * A page a person sees on the phone ({@link Phone}): what every page object shares. Subclasses
 * hold their page's selectors and check in their constructor that the browser shows that page.
 */
public abstract class Page {

    protected final Screen screen;
    protected final WebDriver browser;

    protected Page(Screen screen) {
        this.screen = screen;
        this.browser = screen.browser();
    }

    /** Everything the page says, as the person reads it. */
    public String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    /** The page language ({@code <html lang>}, two letters). */
    public String language() {
        return browser.findElement(By.tagName("html")).getAttribute("lang").substring(0, 2);
    }

    /** Nothing scrolls sideways at 390 px. */
    public void assertFitsThePhone(String what) {
        Phone.assertFitsWidth(browser, what);
    }

    /** Kept in target/screenshots as {@code name}.png. */
    public void screenshot(String name) {
        Phone.screenshot(browser, name);
    }

    protected void waitFor(Function<WebDriver, Boolean> condition) {
        Phone.waitFor(browser, condition);
    }

    protected void waitForCss(String css) {
        waitFor(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    protected WebElement css(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    protected List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    protected boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** True when the element is there and shown. */
    protected boolean shown(String css) {
        return all(css).stream().anyMatch(WebElement::isDisplayed);
    }

    protected String textOf(String css) {
        return css(css).getText().trim();
    }

    /** Every box shown inside {@code css} ends inside the 390 px screen (no text cut at the right). */
    protected void assertEverythingInside(String css, String what) {
        Object widest = ((JavascriptExecutor) browser).executeScript(
                "return Math.max(...Array.from(document.querySelectorAll(arguments[0]))"
                        + ".filter(e => e.getClientRects().length > 0).map(e => e.getBoundingClientRect().right));", css + " *");
        assertTrue(((Number) widest).doubleValue() <= Phone.WIDTH, what + ": something ends at " + widest + " px");
    }
}
