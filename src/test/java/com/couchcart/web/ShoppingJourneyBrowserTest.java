package com.couchcart.web;

import com.couchcart.testing.Admin;
import com.couchcart.testing.Browsers;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.QrImages;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.TopicReader;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole journey in two real browsers: a TV driven by key presses only, and a phone that scans the TV's QR
 * code, signs in and orders. Screenshots of the main states go to {@code target/screenshots}.
 */
@CouchCartTest
class ShoppingJourneyBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    @Test
    void twoProductsAddedWithTheRemoteAreOrderedOnThePhoneAndTheTvShowsTheOrder() throws Exception {
        String wok = Shopping.product("189.00", 20);
        String board = Shopping.product("79.90", 20);
        String content = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.vod(content, 600_000);
        Admin.timeline(content, List.of(overlay("wok", wok, "top-left", 4, 8), overlay("board", board, "bottom-right", 96, 92)))
                .statusCode(200);
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);

        WebDriver tv = Browsers.open(1920, 1080);
        WebDriver phone = Browsers.open(390, 844);
        try {
            tv.get(base + "tv/?tenant=" + DeviceSessions.TENANT + "&key=" + DeviceSessions.APP_KEY + "&content=" + content);
            await().atMost(WAIT).until(() -> tv.findElements(By.cssSelector(".overlay")).size() == 2);
            // The first overlay takes the focus when it appears; OK adds it, the arrows reach the other.
            await().atMost(WAIT).until(() -> focused(tv).getAttribute("data-overlay") != null);
            String first = focused(tv).getAttribute("data-overlay");
            press(tv, Keys.ENTER);
            await().atMost(WAIT).until(() -> text(tv, "cart-count").equals("1"));
            // From the top-left card right to the cart and down to the other card; or from the bottom-right one up and left.
            press(tv, first.equals("wok") ? Keys.ARROW_RIGHT : Keys.ARROW_UP);
            assertThat(focused(tv).getAttribute("id")).isEqualTo("cart-button");
            press(tv, first.equals("wok") ? Keys.ARROW_DOWN : Keys.ARROW_LEFT);
            await().atMost(WAIT).until(() -> focused(tv).getAttribute("data-overlay") != null
                    && !first.equals(focused(tv).getAttribute("data-overlay")));
            press(tv, Keys.ENTER);
            await().atMost(WAIT).until(() -> text(tv, "cart-count").equals("2"));
            Browsers.screenshot(tv, "tv-overlay");

            // Up to the cart, OK; the panel opens on "Check out on your phone".
            focusById(tv, "cart-button", Keys.ARROW_UP);
            press(tv, Keys.ENTER);
            await().atMost(WAIT).until(() -> "checkout".equals(focused(tv).getAttribute("id")));
            assertThat(tv.findElements(By.cssSelector("#cart-lines li"))).hasSize(2);
            Browsers.screenshot(tv, "tv-cart");
            press(tv, Keys.ENTER);
            WebElement qr = tv.findElement(By.id("qr"));
            await().atMost(WAIT).until(() -> qr.isDisplayed()
                    && Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) tv)
                    .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)));
            Browsers.screenshot(tv, "tv-qr");

            // The phone's camera reads the code off the TV's screen; like a camera, it looks again until it has it
            // (a capture taken while the frame was still being painted once read nothing).
            String[] read = new String[1];
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                read[0] = QrImages.decode(QrImages.image(qr.getScreenshotAs(OutputType.BYTES)));
                return read[0] != null;
            });
            String link = read[0];
            assertThat(link).contains("/phone/?user_code=" + text(tv, "user-code"));

            phone.get(link);
            await().atMost(WAIT).until(() -> !phone.findElements(By.id("username")).isEmpty());
            phone.findElement(By.id("username")).sendKeys("alice");
            phone.findElement(By.id("password")).sendKeys("alice");
            phone.findElement(By.id("login")).click();
            await().atMost(WAIT).until(() -> visible(phone, "confirm") || visible(phone, "error"));
            assertThat(text(phone, "error")).isEmpty();
            assertThat(text(phone, "tv-brand")).isEqualTo(DeviceSessions.TENANT);
            assertThat(phone.findElements(By.cssSelector("#lines li"))).hasSize(2);
            assertThat(text(phone, "total")).isEqualTo("¥268.90");
            Browsers.screenshot(phone, "phone-confirmation");
            await().atMost(WAIT).until(() -> text(tv, "handoff-claimed").contains("Continue on your phone"));

            phone.findElement(By.id("confirm-yes")).click();
            phone.findElement(By.id("name")).sendKeys("Li Wei");
            phone.findElement(By.id("phone")).sendKeys("+86 138 0013 8000");
            phone.findElement(By.id("line1")).sendKeys("1 Xihu Road");
            phone.findElement(By.id("city")).sendKeys("Hangzhou");
            phone.findElement(By.id("postalCode")).sendKeys("310000");
            phone.findElement(By.id("place-order")).click();
            await().atMost(WAIT).until(() -> visible(phone, "placed"));
            String number = text(phone, "order-number");
            assertThat(number).matches("CC-\\d{8}");
            Browsers.screenshot(phone, "phone-order");

            await().atMost(WAIT).until(() -> visible(tv, "handoff-done"));
            assertThat(text(tv, "order-number")).isEqualTo(number);
            assertThat(text(tv, "cart-count")).isEqualTo("0");
            Browsers.screenshot(tv, "tv-confirmation");

            // What the viewer saw and moved onto went to the campaign funnel, in batches.
            try (TopicReader interactions = new TopicReader("couchcart.overlay-interactions")) {
                await().atMost(WAIT).until(() -> interactions.poll().stream()
                        .filter(record -> record.value().contains(content)).map(record -> TopicReader.header(record, "ce_type"))
                        .collect(java.util.stream.Collectors.toSet())
                        .containsAll(List.of("com.couchcart.overlay.impression.v1", "com.couchcart.overlay.click.v1")));
            }
        } finally {
            // What each browser showed last: the first thing to look at when this test fails.
            Browsers.quit(tv, "last-tv");
            Browsers.quit(phone, "last-phone");
        }
    }

    private static java.util.Map<String, Object> overlay(String id, String sku, String anchor, double x, double y) {
        var cue = Admin.cue(id, 0L, 600_000L, sku, 1);
        cue.put("placement", java.util.Map.of("anchor", anchor, "x", x, "y", y));
        return cue;
    }

    /** A key press of the remote, sent to whatever has the focus: the TV is never clicked. The focus is never lost. */
    private static void press(WebDriver browser, Keys key) {
        new Actions(browser).sendKeys(key).perform();
        assertThat(focused(browser).getTagName()).isNotEqualTo("body");
    }

    /** Presses {@code key} until the element with this id has the focus (at most a few times). */
    private static void focusById(WebDriver browser, String id, Keys key) {
        for (int i = 0; i < 4 && !id.equals(focused(browser).getAttribute("id")); i++) {
            press(browser, key);
        }
        assertThat(focused(browser).getAttribute("id")).isEqualTo(id);
    }

    private static WebElement focused(WebDriver browser) {
        return browser.switchTo().activeElement();
    }

    private static String text(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static boolean visible(WebDriver browser, String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }
}
