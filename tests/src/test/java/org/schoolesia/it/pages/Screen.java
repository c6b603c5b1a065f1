package org.schoolesia.it.pages;

import org.openqa.selenium.WebDriver;

/**
 * The phone's browser and the two addresses outside Keycloak its pages lead to: Госуслуги (the
 * ESIA emulator) and the relying school application's callback. Every page object starts from it.
 */
public record Screen(WebDriver browser, String esiaUrl, String applicationUrl) {

    /** Signed out: Keycloak's cookies go (opened on a Keycloak address so its cookies are visible). */
    public void signOut(String keycloakAddress) {
        browser.get(keycloakAddress);
        browser.manage().deleteAllCookies();
    }
}
