package com.couchcart.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Headless Chromium from Debian ({@code chromium}, {@code chromium-driver}), driven by Selenium; nothing is
 * downloaded. {@code .ci/run} installs both where missing; elsewhere the browser tests are skipped with a note.
 */
public final class Browsers {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browsers() {
    }

    /** A browser with a window of this size; each call is a context of its own (cookies, storage). */
    public static WebDriver open(int width, int height) {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
                "Browser tests need Debian's chromium and chromium-driver (.ci/run installs them): "
                        + "apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                        "--window-size=" + width + "," + height, "--force-device-scale-factor=1");
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build(), options);
        // The window includes what the browser draws around the page: grow it until the page itself has the size.
        Number innerHeight = (Number) browser.executeScript("return window.innerHeight");
        Dimension window = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(window.getWidth(), window.getHeight() + height - innerHeight.intValue()));
        return browser;
    }

    /** Closes a browser, keeping what it showed last (the first thing to look at when a test fails). */
    public static void quit(WebDriver browser, String lastScreenshot) {
        try {
            screenshot(browser, lastScreenshot);
        } catch (RuntimeException e) {
            // A browser that cannot take a screenshot any more is still closed.
        } finally {
            browser.quit();
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public static Path screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
