package org.schoolesia.it.pages.staff;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.pages.Viewport;

/**
 * The card's «Родители и представители» (a pupil) or «Дети» (a parent): the links («Как проверить
 * привязку родителя и ребенка»), «Привязать родителя», «Отвязать», the parents' SNILS on the card
 * and the history (R-FAM-1, R-FAM-3).
 */
public class FamilySection extends StaffConsole {

    FamilySection(WebDriver chromium) {
        super(chromium);
    }

    /** Waits for the section's first answer. */
    FamilySection loaded() {
        Viewport.waitFor(chromium, d -> !loads().isEmpty() && d.findElement(By.id("family-section")).getDomAttribute("aria-busy") == null);
        return this;
    }

    private String loads() {
        return chromium.findElements(By.id("family-section")).stream().map(e -> e.getDomAttribute("data-loads"))
                .filter(java.util.Objects::nonNull).findFirst().orElse("");
    }

    /** After a change: waits for the section to be read again. */
    private void reloadedAfter(String before) {
        Viewport.waitFor(chromium, d -> !before.equals(loads()) && d.findElement(By.id("family-section")).getDomAttribute("aria-busy") == null);
    }

    public String title() {
        return chromium.findElement(By.cssSelector("#family-section .pf-v5-c-card__title-text")).getText();
    }

    /** One text per active link: the person, the kind, the source and since when. */
    public List<String> links() {
        return chromium.findElements(By.cssSelector("#family-links > li")).stream().map(WebElement::getText).toList();
    }

    /** «Родители к ребенку не привязаны» and the like, or "". */
    public String none() {
        return present("family-none") ? text("family-none") : "";
    }

    /** Staff of the pupil's home organisation see the buttons; everyone else, a hint whom the change belongs to. */
    public boolean canChange() {
        return present("family-add");
    }

    public String readOnlyHint() {
        return present("family-readonly") ? text("family-readonly") : "";
    }

    public int revokeButtons() {
        return chromium.findElements(By.cssSelector("[id^=family-revoke-]")).size();
    }

    /** «Привязать родителя»: the dialog. */
    public Dialog add() {
        press(chromium.findElement(By.id("family-add")));
        return dialog();
    }

    /** In the open «Привязать родителя» dialog: finds parents by surname; returns the choices offered. */
    public List<String> search(String surname) {
        String before = chromium.findElements(By.id("family-candidates")).stream().map(e -> e.getDomAttribute("data-loads"))
                .filter(java.util.Objects::nonNull).findFirst().orElse("");
        WebElement field = chromium.findElement(By.id("family-search-surname"));
        field.clear();
        field.sendKeys(surname);
        press(chromium.findElement(By.id("family-search")));
        Viewport.waitFor(chromium, d -> !before.equals(String.valueOf(d.findElement(By.id("family-candidates")).getDomAttribute("data-loads"))));
        return chromium.findElements(By.cssSelector("#family-candidate-list label")).stream().map(WebElement::getText).toList();
    }

    /** Chooses the found parent whose line starts with the name, and the kind; presses «Привязать» and waits for the section. */
    public void link(Dialog dialog, String namePrefix, String kind) {
        WebElement label = chromium.findElements(By.cssSelector("#family-candidate-list label")).stream()
                .filter(l -> l.getText().startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(namePrefix + " was not found"));
        press(chromium.findElement(By.id(label.getDomAttribute("for"))));
        new org.openqa.selenium.support.ui.Select(chromium.findElement(By.id("family-kind"))).selectByValue(kind);
        String before = loads();
        dialog.clickClosing("family-add-confirm");
        reloadedAfter(before);
    }

    /** «Отвязать» of the active link to the person whose name starts so: the confirmation dialog. */
    public Dialog revoke(String namePrefix) {
        WebElement line = chromium.findElements(By.cssSelector("#family-links > li")).stream()
                .filter(li -> li.getText().startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(namePrefix + " is not linked: " + links()));
        press(line.findElement(By.cssSelector("button[id^=family-revoke-]")));
        return dialog();
    }

    /** Confirms a change asked in a dialog (revocation, SNILS removal) and waits for the section to be read again. */
    public void confirm(Dialog dialog, String confirmId) {
        String before = loads();
        dialog.clickClosing(confirmId);
        reloadedAfter(before);
    }

    // ---- R-FAM-3: the parents' SNILS on the card -------------------------------------------------

    public List<String> snils() {
        return chromium.findElements(By.cssSelector("#family-snils > li")).stream().map(WebElement::getText).toList();
    }

    public boolean canEditSnils() {
        return present("family-snils-input");
    }

    /** Types a SNILS and presses «Добавить СНИЛС»; waits for the section again, or for the error. */
    public void addSnils(String snils) {
        String before = loads();
        WebElement input = chromium.findElement(By.id("family-snils-input"));
        input.clear();
        input.sendKeys(snils);
        press(chromium.findElement(By.id("family-snils-add")));
        Viewport.waitFor(chromium, d -> !before.equals(loads()) || present("family-snils-error"));
    }

    public String snilsError() {
        return present("family-snils-error") ? alertText(chromium, chromium.findElement(By.id("family-snils-error"))) : "";
    }

    public Dialog removeSnils(int i) {
        press(chromium.findElement(By.id("family-snils-remove-" + i)));
        return dialog();
    }

    /** «История изменений», newest first (read whether the disclosure is open or not). */
    public List<String> history() {
        return chromium.findElements(By.cssSelector("#family-history > li")).stream()
                .map(li -> li.getDomProperty("textContent").replaceAll("\\s+", " ").strip()).toList();
    }
}
