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

    /** «Найдены на Госуслугах» (issue 12), once it has loaded. */
    public ProposalsSection proposals() {
        ProposalsSection section = new ProposalsSection(chromium).loaded();
        js("arguments[0].scrollIntoView({block: 'start'})", chromium.findElement(By.id("proposals-section")));
        return section;
    }

    /** «Доступ для учеников до 14 лет» (R-FAM-4): the state shown once the section has loaded ({@code allowed}, {@code child_of_age}, …). */
    public String childLoginState() {
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("child-login-state")).isEmpty());
        return chromium.findElement(By.id("child-login-state")).getDomAttribute("data-state");
    }

    public boolean offersChildLogin(String buttonId) {
        return !chromium.findElements(By.id(buttonId)).isEmpty();
    }

    /** «Создать логин» / «Сбросить пароль» on the card: the shared dialog. */
    public Dialog childLoginAction(String buttonId) {
        press(chromium.findElement(By.id(buttonId)));
        Viewport.waitFor(chromium, d -> !d.findElements(By.id("child-login-form")).isEmpty());
        return new Dialog(chromium);
    }

    /** The login shown in the section once made, or null. */
    public String childLogin() {
        return chromium.findElements(By.id("child-login-current")).stream().findFirst().map(WebElement::getText).orElse(null);
    }

    /** Scrolls the card's part with this id to the top of the screen (for a screenshot of it). */
    public void scrollTo(String id) {
        js("arguments[0].scrollIntoView(true);", chromium.findElement(By.id(id)));
    }

    /** Presses a card button that opens a confirmation (e.g. «Снять отметку»): the dialog. */
    public Dialog pressAndDialog(String buttonId) {
        press(chromium.findElement(By.id(buttonId)));
        Viewport.waitFor(chromium, d -> !d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
        return new Dialog(chromium);
    }

    /** R-FAM-5: the flag's alert text, or null when the pupil is not flagged. */
    public String flag() {
        return chromium.findElements(By.id("account-flag-alert")).stream().findFirst().map(WebElement::getText).orElse(null);
    }

    public PeopleList back() {
        press(chromium.findElement(By.id("card-back")));
        return new PeopleList(chromium).ready();
    }
}
