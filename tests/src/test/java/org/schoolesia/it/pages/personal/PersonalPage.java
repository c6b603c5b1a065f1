package org.schoolesia.it.pages.personal;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * «Персональные настройки», {@code /realms/{realm}/school/personal/} (issue 11), as a person sees it:
 * the heading with their name, the sections in order («Госуслуги», «Мои обращения», «Мои
 * организации»), each request with its number, status and staff comment, each organisation with
 * its classes.
 */
public final class PersonalPage {

    /** The Госуслуги section: status code and the words shown, the masked oid, the advice (null when absent). */
    public record Esia(String status, String statusText, String oidMasked, String howTo) {
    }

    public record Request(String number, String status, String statusText, String comment, String text) {
    }

    public record Organisation(String alias, String name, boolean home, String classes, String text) {
    }

    private final Screen screen;
    private final String url;

    public PersonalPage(Screen screen, String url) {
        this.screen = screen;
        this.url = url;
    }

    public String url() {
        return url;
    }

    public PersonalPage open() {
        screen.driver().get(url);
        return this;
    }

    /** Waits until the sections (or the loading error) are shown. */
    public PersonalPage waitShown() {
        screen.waitFor(d -> d.getCurrentUrl().startsWith(url)
                && (!d.findElements(By.id("sections")).isEmpty() || !d.findElements(By.id("personal-error")).isEmpty()));
        return this;
    }

    public boolean isShowing() {
        return screen.driver().getCurrentUrl().startsWith(url) && !screen.driver().findElements(By.id("sections")).isEmpty();
    }

    public String heading() {
        return text(By.id("page-title"));
    }

    public String personLine() {
        return text(By.id("person"));
    }

    public List<String> sectionIds() {
        return screen.driver().findElements(By.cssSelector("#sections [data-section]")).stream()
                .map(e -> e.getDomAttribute("data-section")).toList();
    }

    public List<String> sectionTitles() {
        return screen.driver().findElements(By.cssSelector("#sections [data-section] .pf-v5-c-card__title-text")).stream()
                .map(e -> e.getText().trim()).toList();
    }

    public Esia esia() {
        WebElement esia = screen.driver().findElement(By.id("esia"));
        return new Esia(esia.getDomAttribute("data-status"), text(By.id("esia-status")), optionalText(By.id("esia-oid")),
                optionalText(By.id("esia-howto")));
    }

    public String esiaText() {
        return text(By.id("section-esia"));
    }

    public List<Request> requests() {
        return screen.driver().findElements(By.cssSelector("#requests > li")).stream().map(li -> new Request(
                li.getDomAttribute("data-number"), li.getDomAttribute("data-status"),
                li.findElement(By.className("personal-request-status")).getText().trim(),
                li.findElements(By.className("personal-request-comment")).stream().findFirst().map(WebElement::getText).orElse(null),
                li.getText())).toList();
    }

    /** Scrolls the request with this number to the top of the screen (for a screenshot of it). */
    public void scrollToRequest(String number) {
        WebElement item = screen.driver().findElement(By.cssSelector("#requests > li[data-number='" + number + "']"));
        ((org.openqa.selenium.JavascriptExecutor) screen.driver()).executeScript("arguments[0].scrollIntoView(true);", item);
    }

    public String requestsText() {
        return text(By.id("section-requests"));
    }

    public List<Organisation> organisations() {
        return screen.driver().findElements(By.cssSelector("#organisations > li")).stream().map(li -> new Organisation(
                li.getDomAttribute("data-org"), li.findElement(By.className("personal-item-title")).getText().trim(),
                !li.findElements(By.cssSelector(".pf-v5-c-label")).isEmpty(),
                li.findElements(By.className("personal-org-classes")).stream().findFirst().map(WebElement::getText).orElse(null),
                li.getText())).toList();
    }

    /** The page's accessibility check (axe-core, WCAG 2 A/AA rules): the violations of impact serious or critical. */
    public List<String> seriousAccessibilityViolations() {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(screen.driver());
        return results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(PersonalPage::describe).toList();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " — "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(5).toList();
    }

    /** «Доступ для учеников до 14 лет» (issue 12), shown to parents. */
    public ChildAccess childAccess() {
        return new ChildAccess(screen);
    }

    public void signOut() {
        screen.driver().findElement(By.id("logout")).click();
    }

    private String text(By by) {
        return screen.driver().findElement(by).getText().trim();
    }

    private String optionalText(By by) {
        List<WebElement> found = screen.driver().findElements(by);
        return found.isEmpty() ? null : found.get(0).getText().trim();
    }
}
