package org.schoolesia.it.pages.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.schoolesia.it.pages.Viewport;

/**
 * The accessibility pass on each state of the console: axe-core (WCAG 2.1 A and AA: labels,
 * contrast of the theme colours, roles, names) run inside Chromium, and keyboard-only use of a
 * dialog: it takes focus, Tab never leaves it, Esc closes it and gives focus back.
 */
public final class Accessibility {

    private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private Accessibility() {
    }

    /** No serious or critical violation in the page as it is now; the rest is reported, not failed. */
    public static void assertNoSeriousViolations(WebDriver chromium, String state) {
        assertNoSeriousViolations(chromium, state, List.of());
    }

    /**
     * As above, leaving out parts that are Keycloak's own markup, not ours (each caller says which
     * and why), so the rest of the page is still held to the rule.
     */
    public static void assertNoSeriousViolations(WebDriver chromium, String state, List<String> notOurs) {
        AxeBuilder axe = new AxeBuilder().withTags(TAGS);
        notOurs.forEach(axe::exclude);
        Results results = axe.analyze(chromium);
        List<Rule> serious = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
        String report = serious.stream().map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " at "
                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
        assertEquals("", report, "axe-core on " + state);
    }

    /**
     * Keyboard only: the open dialog holds focus, {@code tabs} presses of Tab (and one Shift+Tab)
     * stay inside it, Esc closes it, and focus goes back to {@code opener}.
     */
    public static void assertDialogKeyboard(WebDriver chromium, WebElement opener, int tabs) {
        WebElement dialog = chromium.findElement(By.cssSelector("[role=dialog]"));
        assertTrue(inside(chromium, dialog), "the dialog takes focus when it opens");
        for (int i = 0; i < tabs; i++) {
            new Actions(chromium).sendKeys(Keys.TAB).perform();
            assertTrue(inside(chromium, dialog), "Tab " + (i + 1) + " stays in the dialog");
        }
        new Actions(chromium).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertTrue(inside(chromium, dialog), "Shift+Tab stays in the dialog");
        new Actions(chromium).sendKeys(Keys.ESCAPE).perform();
        Viewport.waitFor(chromium, d -> d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
        assertEquals(opener, chromium.switchTo().activeElement(), "focus returns to what opened the dialog");
    }

    private static boolean inside(WebDriver chromium, WebElement dialog) {
        WebElement active = chromium.switchTo().activeElement();
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) chromium)
                .executeScript("return arguments[0].contains(arguments[1]);", dialog, active));
    }
}
