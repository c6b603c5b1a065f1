package org.schoolesia.it.pages.staff;

import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.it.pages.Viewport;

/** «Список родителей» / «Список учеников»: filters, the table, paging. */
public class PeopleList extends StaffConsole {

    PeopleList(WebDriver chromium) {
        super(chromium);
    }

    @Override
    public PeopleList ready() {
        super.ready();
        Viewport.waitFor(chromium, d -> !d.findElements(By.cssSelector("#people-results[data-loads]")).isEmpty());
        return this;
    }

    public String statusFilter() {
        return new Select(chromium.findElement(By.id("people-status"))).getFirstSelectedOption().getText();
    }

    public String pageSize() {
        return new Select(chromium.findElement(By.id("people-max"))).getFirstSelectedOption().getText();
    }

    /** Types the beginning of a surname and presses Enter; waits for the list to change. */
    public PeopleList search(String surname) {
        String before = loads();
        WebElement field = chromium.findElement(By.id("people-surname"));
        field.clear();
        field.sendKeys(surname);
        field.sendKeys(Keys.ENTER);
        Viewport.waitFor(chromium, d -> !before.equals(loads()));
        return this;
    }

    private String loads() {
        return chromium.findElements(By.id("people-results")).stream().map(e -> e.getDomAttribute("data-loads")).findFirst().orElse("");
    }

    /** The text of the result: the rows, or the empty state. */
    public String rows() {
        return chromium.findElements(By.id("people-results")).stream().map(WebElement::getText).findFirst().orElse("");
    }

    /** R-FAM-5: whether the row of that person carries the label «Вход взрослого». */
    public boolean flagged(String namePrefix) {
        return chromium.findElements(By.cssSelector("#people-results tr")).stream()
                .filter(tr -> tr.findElements(By.cssSelector("a.person-link")).stream().anyMatch(a -> a.getText().startsWith(namePrefix)))
                .anyMatch(tr -> !tr.findElements(By.cssSelector(".pf-v5-c-label.pf-m-red")).isEmpty());
    }

    public PersonCard open(String namePrefix) {
        WebElement link = chromium.findElements(By.cssSelector("#people-results a.person-link")).stream()
                .filter(a -> a.getText().startsWith(namePrefix)).findFirst()
                .orElseThrow(() -> new AssertionError(namePrefix + " is not in the list: " + rows()));
        press(link);
        return new PersonCard(chromium).loaded();
    }
}
