package com.couchcart.web;

import com.couchcart.testing.Admin;
import com.couchcart.testing.Browsers;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.LocalStackTestResource;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The TV app on a live channel, and when the service is briefly away. Key presses only. */
@CouchCartTest
class TvAppBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL base;

    @Test
    void aCueFiredOnALiveChannelAppearsAndOkAddsIt() {
        String sku = Shopping.product("59.00", 20);
        String channel = "live-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.live(channel);
        Admin.timeline(channel, List.of(Admin.cue("headphones", null, null, sku, 1))).statusCode(200);
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);
        WebDriver tv = Browsers.open(1920, 1080);
        try {
            tv.get(base + "tv/?tenant=" + DeviceSessions.TENANT + "&key=" + DeviceSessions.APP_KEY + "&channel=" + channel);
            await().atMost(WAIT).until(() -> tv.findElement(By.id("demo-title")).getText().contains("live"));
            assertThat(tv.findElements(By.cssSelector(".overlay"))).isEmpty();

            given().auth().oauth2(Tokens.operator()).contentType("application/json")
                    .body(Map.of("cueId", "headphones", "durationMs", 60_000))
                    .post("/api/admin/channels/" + channel + "/cues").then().statusCode(202);

            await().atMost(WAIT).until(() -> "headphones".equals(tv.switchTo().activeElement().getAttribute("data-overlay")));
            new Actions(tv).sendKeys(Keys.ENTER).perform();
            await().atMost(WAIT).until(() -> tv.findElement(By.id("cart-count")).getText().equals("1"));
        } finally {
            Browsers.quit(tv, "last-tv-live");
        }
    }

    @Test
    void whileTheServiceIsAwayTheTvSaysSoAndTheAddGoesThroughOnceWhenItIsBack() {
        String sku = Shopping.product("15.00", 20);
        String content = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.vod(content, 600_000);
        Admin.timeline(content, List.of(Admin.cue("mug", 0L, 600_000L, sku, 1))).statusCode(200);
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);
        WebDriver tv = Browsers.open(1920, 1080);
        try {
            tv.get(base + "tv/?tenant=" + DeviceSessions.TENANT + "&key=" + DeviceSessions.APP_KEY + "&content=" + content);
            await().atMost(WAIT).until(() -> "mug".equals(tv.switchTo().activeElement().getAttribute("data-overlay")));
            LocalStackTestResource.redisReachable(false);
            try {
                new Actions(tv).sendKeys(Keys.ENTER).perform();
                await().atMost(WAIT).until(() -> tv.findElement(By.id("banner")).isDisplayed());
                assertThat(tv.findElement(By.id("banner")).getText()).contains("not reachable");
                Browsers.screenshot(tv, "tv-service-away");
            } finally {
                LocalStackTestResource.redisReachable(true);
            }
            await().atMost(WAIT).until(() -> tv.findElement(By.id("cart-count")).getText().equals("1"));
            await().atMost(WAIT).until(() -> !tv.findElement(By.id("banner")).isDisplayed());
        } finally {
            Browsers.quit(tv, "last-tv-outage");
        }
    }
}
