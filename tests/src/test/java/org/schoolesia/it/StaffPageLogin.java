package org.schoolesia.it;

import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.schoolesia.testkit.DemoRealm;
import org.schoolesia.testkit.TestEnvironment;

/**
 * Keycloak's login page as the staff page reaches it in Chromium: the organisation cascade
 * (R-ORG-2) when the realm asks for it, then login and password; back on the staff page after.
 */
final class StaffPageLogin {

    private StaffPageLogin() {
    }

    /**
     * @param organisation values or labels to pick in each select of the cascade (region … organisation)
     * @param beforeCredentials run once the cascade is set (e.g. a screenshot)
     */
    static void logIn(WebDriver chromium, TestEnvironment env, String page, Set<String> organisation, String username,
                      Runnable beforeCredentials) {
        logIn(chromium, env, page, organisation, username, StaffApi.PASSWORD, beforeCredentials);
        Phone.waitFor(chromium, d -> d.getCurrentUrl().startsWith(page));
    }

    /** As above with that password, not waiting for the page: Keycloak may ask for more first (a new password). */
    static void logIn(WebDriver chromium, TestEnvironment env, String page, Set<String> organisation, String username, String password,
                      Runnable beforeCredentials) {
        try {
            Phone.waitFor(chromium, d -> d.getCurrentUrl().startsWith(env.keycloak().baseUrl() + "/realms/" + DemoRealm.NAME + "/")
                    && !d.getCurrentUrl().startsWith(page) && !d.findElements(By.id("password")).isEmpty());
        } catch (TimeoutException e) {
            throw new AssertionError("no login form on the way to " + page + "; the browser is at " + chromium.getCurrentUrl()
                    + " showing: " + chromium.findElement(By.tagName("body")).getText(), e);
        }
        for (int round = 0; round < 6 && chooseOnce(chromium, organisation); round++) {
            pause(300); // a cascade may fill the next select
        }
        beforeCredentials.run();
        WebElement user = chromium.findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        chromium.findElement(By.id("password")).sendKeys(password);
        chromium.findElement(By.id("kc-login")).click();
    }

    /** Picks the wanted option in every visible select not showing one yet; true if anything changed. */
    private static boolean chooseOnce(WebDriver chromium, Set<String> wanted) {
        boolean changed = false;
        for (WebElement element : chromium.findElements(By.tagName("select"))) {
            if (!element.isDisplayed() || !element.isEnabled()) {
                continue;
            }
            Select select = new Select(element);
            WebElement selected = select.getFirstSelectedOption();
            if (wanted.contains(selected.getDomProperty("value")) || wanted.contains(selected.getText().trim())) {
                continue;
            }
            for (WebElement option : select.getOptions()) {
                if (wanted.contains(option.getDomProperty("value")) || wanted.contains(option.getText().trim())) {
                    select.selectByValue(option.getDomProperty("value"));
                    changed = true;
                    break;
                }
            }
        }
        return changed;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
