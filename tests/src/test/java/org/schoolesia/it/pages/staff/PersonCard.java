package org.schoolesia.it.pages.staff;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.pages.Viewport;

/** «Сведения о родителе / об ученике»: the card, credentials, and the «Госуслуги (ЕСИА)» section. */
public class PersonCard extends StaffConsole {

    PersonCard(WebDriver chromium) {
        super(chromium);
    }

    PersonCard loaded() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("credentials")).isEmpty());
        ready();
        return this;
    }

    public String title() {
        return heading();
    }

    public String login() {
        return text("card-login");
    }

    /** The whole «Основная информация» card as text (labels and values). */
    public String facts() {
        return chromium.findElement(By.cssSelector(".pf-v5-c-card")).getText();
    }

    public String relatives() {
        return present("card-relatives") ? text("card-relatives") : "";
    }

    public boolean canChangePassword() {
        return present("change-password");
    }

    public WebElement changePasswordButton() {
        return chromium.findElement(By.id("change-password"));
    }

    public Dialog changePassword() {
        press(changePasswordButton());
        return dialog();
    }

    public String credentialsElsewhere() {
        return present("credentials-elsewhere") ? alertText(chromium, chromium.findElement(By.id("credentials-elsewhere"))) : "";
    }

    public boolean hasEsiaSection() {
        return present("esia-section");
    }

    public String esiaStatus() {
        return text("esia-status");
    }

    public WebElement esiaButton(String id) {
        return chromium.findElement(By.id(id));
    }

    /** «Разрешить привязку» / «Отвязать» / «Отменить разрешение»: the confirmation dialog. */
    public Dialog esiaAction(String id) {
        press(esiaButton(id));
        return dialog();
    }

    public void waitEsiaStatus(String status) {
        Viewport.waitFor(chromium, d -> status.equals(esiaStatus()));
    }

    /** «Родители и представители» / «Дети» (R-FAM-1, R-FAM-3), once it has loaded. */
    public FamilySection family() {
        FamilySection section = new FamilySection(chromium).loaded();
        js("arguments[0].scrollIntoView({block: 'start'})", chromium.findElement(By.id("family-section")));
        return section;
    }

    public PeopleList back() {
        press(chromium.findElement(By.id("card-back")));
        return new PeopleList(chromium).ready();
    }
}
