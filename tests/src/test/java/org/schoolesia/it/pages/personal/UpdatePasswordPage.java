package org.schoolesia.it.pages.personal;

import org.openqa.selenium.By;

/**
 * Keycloak's «Обновление пароля» (required action UPDATE_PASSWORD) right after the password login
 * of an account whose password someone else set — a pupil whose parent created the login (R-FAM-4).
 */
public final class UpdatePasswordPage {

    private final Screen screen;

    public UpdatePasswordPage(Screen screen) {
        this.screen = screen;
        screen.waitFor(d -> !d.findElements(By.id("kc-passwd-update-form")).isEmpty());
    }

    public String heading() {
        return screen.driver().findElement(By.id("kc-page-title")).getText().trim();
    }

    /** Types the new password twice and submits; the application's page follows. */
    public void change(String password) {
        screen.driver().findElement(By.id("password-new")).sendKeys(password);
        screen.driver().findElement(By.id("password-confirm")).sendKeys(password);
        screen.driver().findElement(By.id("kc-submit")).click();
    }
}
