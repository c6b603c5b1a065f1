package org.schoolesia.it.pages.personal;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dialog «Создать логин ученику» / «Сбросить пароль ученика» (R-FAM-4) and, after saving, the
 * one that names the login to hand over.
 */
public final class ChildLoginDialog {

    private final Screen screen;

    ChildLoginDialog(Screen screen) {
        this.screen = screen;
        screen.waitFor(d -> !d.findElements(By.id("child-login-form")).isEmpty());
    }

    public String title() {
        return screen.driver().findElement(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__title")).getText().trim();
    }

    public String text() {
        return screen.driver().findElement(By.cssSelector("[role=dialog]")).getText();
    }

    public String login() {
        return screen.driver().findElement(By.id("child-login-name")).getDomProperty("value");
    }

    public ChildLoginDialog login(String login) {
        return type("child-login-name", login);
    }

    public ChildLoginDialog password(String password) {
        type("child-login-password", password);
        return type("child-login-confirm", password);
    }

    /** Saves and waits for the refusal shown in the dialog; the field it names is marked. */
    public String saveRefused() {
        screen.driver().findElement(By.id("child-login-save")).click();
        screen.waitFor(d -> !d.findElements(By.cssSelector(".school-dialog-error .pf-v5-c-alert__title")).isEmpty());
        return screen.driver().findElement(By.cssSelector(".school-dialog-error .pf-v5-c-alert__title")).getText().trim();
    }

    /** The id of the field marked invalid (aria-invalid), or null. */
    public String invalidField() {
        return screen.driver().findElements(By.cssSelector("#child-login-form [aria-invalid=true]")).stream().findFirst()
                .map(e -> e.getDomAttribute("id")).orElse(null);
    }

    /** Saves; the dialog that names the login follows. */
    public Done save() {
        screen.driver().findElement(By.id("child-login-save")).click();
        return new Done(screen);
    }

    private ChildLoginDialog type(String id, String value) {
        WebElement input = screen.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
        return this;
    }

    /** «Логин создан» / «Пароль сброшен»: the login to give the child, and what happens at the first login. */
    public static final class Done {
        private final Screen screen;

        Done(Screen screen) {
            this.screen = screen;
            screen.waitFor(d -> !d.findElements(By.id("child-login-issued")).isEmpty());
        }

        public String title() {
            return screen.driver().findElement(By.cssSelector("[role=dialog] .pf-v5-c-modal-box__title")).getText().trim();
        }

        public String login() {
            return screen.driver().findElement(By.id("child-login-issued")).getText().trim();
        }

        public String next() {
            return screen.driver().findElement(By.id("child-login-next")).getText().trim();
        }

        public void close() {
            screen.driver().findElement(By.id("child-login-ok")).click();
            screen.waitFor(d -> d.findElements(By.cssSelector("[role=dialog]")).isEmpty());
        }
    }
}
