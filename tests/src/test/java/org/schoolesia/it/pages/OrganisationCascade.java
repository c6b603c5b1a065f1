package org.schoolesia.it.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The organisation cascade (R-ORG-2) of the password login page and the link form: Регион →
 * Городской округ / Муниципальный район → Населённый пункт → Тип ОО → Образовательная организация.
 * Under each select {@code <field>-auto} says the only option was chosen by itself, and
 * {@code <field>-chosen} shows a long chosen name in full.
 */
public final class OrganisationCascade {

    /** The levels, by the field names the pages post. */
    public enum Level {
        REGION("schoolRegion"), MUNICIPALITY("schoolMunicipality"), SETTLEMENT("schoolSettlement"), TYPE("schoolType"),
        ORGANISATION("organization");

        final String field;

        Level(String field) {
            this.field = field;
        }

        /** The id of the level's select (and its field name), for layout checks. */
        public String id() {
            return field;
        }
    }

    private final WebDriver browser;

    OrganisationCascade(WebDriver browser) {
        this.browser = browser;
    }

    public OrganisationCascade choose(Level level, String visibleText) {
        select(level).selectByVisibleText(visibleText);
        return this;
    }

    public OrganisationCascade chooseMunicipality(String name) {
        return choose(Level.MUNICIPALITY, name);
    }

    public OrganisationCascade chooseType(String label) {
        return choose(Level.TYPE, label);
    }

    public OrganisationCascade chooseOrganisation(String name) {
        return choose(Level.ORGANISATION, name);
    }

    /** What the select of that level shows as chosen («Выберите…» when nothing is). */
    public String chosen(Level level) {
        return select(level).getFirstSelectedOption().getText();
    }

    public List<String> options(Level level) {
        return select(level).getOptions().stream().map(WebElement::getText).toList();
    }

    /** «выбрано автоматически» under the level is shown. */
    public boolean saysChosenAutomatically(Level level) {
        return browser.findElement(By.id(level.field + "-auto")).isDisplayed();
    }

    /** The chosen name in full under the select, or null when it is not shown (the select shows it all). */
    public String chosenInFull(Level level) {
        WebElement full = browser.findElement(By.id(level.field + "-chosen"));
        return full.isDisplayed() ? full.getText().trim() : null;
    }

    /** How many pixels of the chosen name in full are cut at the right (0 when it is readable). */
    public int chosenInFullCutBy(Level level) {
        WebElement full = browser.findElement(By.id(level.field + "-chosen"));
        Object cut = ((JavascriptExecutor) browser).executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth;", full);
        return ((Number) cut).intValue();
    }

    private Select select(Level level) {
        return new Select(browser.findElement(By.id(level.field)));
    }
}
