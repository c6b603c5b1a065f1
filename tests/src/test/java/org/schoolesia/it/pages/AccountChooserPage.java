package org.schoolesia.it.pages;

import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** «Выберите учетную запись»: one person from Госуслуги linked to several school accounts. */
public final class AccountChooserPage extends EsiaAccountPage {

    private static final String TITLE = "#kc-page-title";
    private static final String ACCOUNT = "button[id^=school-esia-account-]";
    private static final String ACCOUNT_ORGANISATION = "school-esia-account-org";

    /** One account as the page offers it. */
    public record Account(String organisation, String text, String id) {
    }

    public AccountChooserPage(Screen screen) {
        super(screen, "chooser");
    }

    public String title() {
        return textOf(TITLE);
    }

    public List<Account> accounts() {
        return all(ACCOUNT).stream().map(b -> new Account(
                b.findElement(By.className(ACCOUNT_ORGANISATION)).getText().trim(), b.getText(), b.getAttribute("value"))).toList();
    }

    /** Enters the account of that organisation. */
    public void choose(String organisation) {
        for (WebElement button : all(ACCOUNT)) {
            if (button.findElement(By.className(ACCOUNT_ORGANISATION)).getText().trim().equals(organisation)) {
                button.click();
                return;
            }
        }
        throw new AssertionError("no account of " + organisation + " to choose: " + text());
    }
}
