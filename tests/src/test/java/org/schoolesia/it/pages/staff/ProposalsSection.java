package org.schoolesia.it.pages.staff;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.schoolesia.it.pages.Viewport;

/**
 * The pupil card's «Найдены на Госуслугах» (issue 12, children from Госуслуги): the parents whose
 * Госуслуги lists this pupil, «Подтвердить» and «Отклонить» with a reason. Empty for staff of
 * another organisation (the API answers 404).
 */
public class ProposalsSection extends StaffConsole {

    ProposalsSection(WebDriver chromium) {
        super(chromium);
    }

    /** Waits for the section's first answer. */
    ProposalsSection loaded() {
        Viewport.waitFor(chromium, d -> !loads().isEmpty());
        return this;
    }

    private String loads() {
        return chromium.findElements(By.id("proposals-section")).stream().map(e -> e.getDomAttribute("data-loads"))
                .filter(java.util.Objects::nonNull).findFirst().orElse("");
    }

    /** The card's title, or "" when there is nothing to show. */
    public String title() {
        return chromium.findElements(By.cssSelector("#proposals-section .pf-v5-c-card__title-text")).stream().map(WebElement::getText)
                .findFirst().orElse("");
    }

    /** One text per proposal: the parent, the status, the name at Госуслуги, the basis, the decision. */
    public List<String> items() {
        return chromium.findElements(By.cssSelector("#proposals > li")).stream().map(WebElement::getText).toList();
    }

    /** The statuses ({@code proposed}, {@code confirmed}, {@code dismissed}) in order. */
    public List<String> statuses() {
        return chromium.findElements(By.cssSelector("#proposals > li")).stream().map(e -> e.getDomAttribute("data-status")).toList();
    }

    /** «Подтвердить» of the i-th proposal: the confirmation dialog. */
    public Dialog confirm(int i) {
        press(chromium.findElement(By.id("proposal-confirm-" + i)));
        return dialog();
    }

    /** «Отклонить» of the i-th proposal: the dialog asking the reason. */
    public Dialog dismiss(int i) {
        press(chromium.findElement(By.id("proposal-dismiss-" + i)));
        return dialog();
    }

    /** Presses the dialog's button and waits for the section to be read again. */
    public void decide(Dialog dialog, String buttonId) {
        String before = loads();
        dialog.clickClosing(buttonId);
        Viewport.waitFor(chromium, d -> !before.equals(loads()));
    }
}
