package org.schoolesia.it.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One way of looking at the console: a width (390 px, a phone; 1280 px, a desktop) and the
 * browser's language (ru, en). Debian's Chromium and chromedriver, headless; screenshots go to
 * target/screenshots/{prefix}-{width}-{language}-{name}.png.
 */
public record Viewport(int width, String language) {

    public static final Viewport PHONE_RU = new Viewport(390, "ru");
    public static final Viewport PHONE_EN = new Viewport(390, "en");
    public static final Viewport DESKTOP_RU = new Viewport(1280, "ru");
    public static final Viewport DESKTOP_EN = new Viewport(1280, "en");

    /**
     * Each width and each language once: the Russian phone (where a parent and most staff are) and the
     * English desktop. The console's layout follows the width and its texts the language, so the
     * other two pairs ran the same code again at two minutes of the suite's thirty.
     */
    public static List<Viewport> covering() {
        return List.of(PHONE_RU, DESKTOP_EN);
    }

    public int height() {
        return width < 800 ? 844 : 800;
    }

    public boolean russian() {
        return "ru".equals(language);
    }

    /** The text the console shows in this viewport's language. */
    public String text(String russian, String english) {
        return russian() ? russian : english;
    }

    @Override
    public String toString() {
        return width + "-" + language;
    }

    public WebDriver start() {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            // The background-networking switches keep Chromium from calling out of this closed network.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--lang=" + language, "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
            // Keycloak picks the language from Accept-Language; the console follows Keycloak's choice.
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", russian() ? "ru-RU,ru" : "en-US,en"));
            // Headless windows are at least 500 px wide: emulate the viewport exactly.
            options.setExperimentalOption("mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", width, "height", height(), "pixelRatio", 1.0)));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void waitFor(WebDriver chromium, Function<WebDriver, Boolean> condition) {
        // The console re-renders whole views: an element found a moment ago may be gone; look again.
        new WebDriverWait(chromium, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** Nothing may scroll sideways: what is off screen is missed. */
    public void assertFits(WebDriver chromium, String what) {
        JavascriptExecutor js = (JavascriptExecutor) chromium;
        assertEquals(width, ((Number) js.executeScript("return window.innerWidth;")).intValue(), "viewport");
        Object overflow = js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(((Number) overflow).intValue() <= 0, what + " scrolls sideways at " + width + " px by " + overflow + " px");
    }

    public void screenshot(WebDriver chromium, String prefix, String name) {
        try {
            Path dir = Path.of("target/screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(prefix + "-" + this + "-" + name + ".png"), ((TakesScreenshot) chromium).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
