package org.schoolesia.it.pages.personal;

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
 * A browser of the personal-page tests: Debian's Chromium and chromedriver (nothing downloads a
 * browser), headless, a viewport of exactly {@code width} CSS pixels (390: a phone; 1280: a
 * desktop), the language the person's browser asks for (ru or en). Screenshots go to
 * {@code target/screenshots}, like the other browser tests'.
 */
public final class Screen implements AutoCloseable {

    public static final int PHONE = 390;
    public static final int DESKTOP = 1280;

    private final WebDriver driver;
    private final int width;
    private final String language;

    private Screen(WebDriver driver, int width, String language) {
        this.driver = driver;
        this.width = width;
        this.language = language;
    }

    /** Chromium as every browser test starts it ({@link Viewport}), at this width and language. */
    public static Screen start(int width, String language) {
        return new Screen(new Viewport(width, language).start(), width, language);
    }

    public WebDriver driver() {
        return driver;
    }

    public int width() {
        return width;
    }

    public String language() {
        return language;
    }

    /** Forgets every cookie of the server: the next page asks to log in again. */
    public void forgetSession() {
        driver.manage().deleteAllCookies();
    }

    public void waitFor(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
    }

    public int viewportWidth() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerWidth;")).intValue();
    }

    /** How far the page scrolls sideways (0 or less: it fits). */
    public int sidewaysOverflow() {
        return ((Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;")).intValue();
    }

    /** target/screenshots/{name}-{width}-{language}.png */
    public Path screenshot(String name) {
        try {
            Path dir = Path.of("target/screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + width + "-" + language + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
