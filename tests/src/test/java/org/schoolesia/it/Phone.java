package org.schoolesia.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.schoolesia.it.pages.Viewport;

/**
 * A parent's phone for browser tests: Debian's Chromium and chromedriver (nothing downloads a
 * browser), headless, Russian, a 390×844 CSS-pixel viewport. Screenshots go to target/screenshots.
 * Public for the page objects ({@code org.schoolesia.it.pages}), which hold the pages' selectors.
 */
public final class Phone {

    public static final int WIDTH = 390;
    public static final int HEIGHT = 844;

    private Phone() {
    }

    /** Chromium as the console tests start it, at 390×844 in Russian. */
    public static WebDriver start() {
        return Viewport.PHONE_RU.start();
    }

    public static void waitFor(WebDriver chromium, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(chromium, Duration.ofSeconds(30)).until(condition::apply);
    }

    /** Nothing may scroll sideways: a parent on a phone would miss what is off screen. */
    public static void assertFitsWidth(WebDriver chromium, String what) {
        JavascriptExecutor js = (JavascriptExecutor) chromium;
        assertEquals(WIDTH, ((Number) js.executeScript("return window.innerWidth;")).intValue(), "phone viewport");
        Object overflow = js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(((Number) overflow).intValue() <= 0, what + " scrolls sideways at phone width by " + overflow + " px");
    }

    public static void screenshot(WebDriver chromium, String name) {
        try {
            Path dir = Path.of("target/screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) chromium).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
