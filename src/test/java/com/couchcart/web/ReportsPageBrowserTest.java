package com.couchcart.web;

import com.couchcart.funnel.Holdouts;
import com.couchcart.testing.Admin;
import com.couchcart.testing.Browsers;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reports page in Chromium: staff sign in with the OIDC code flow and see the funnel the API reports, the same
 * numbers; and the TV app hides a held-out campaign's overlay and reports a holdout in its place.
 */
@CouchCartTest
class ReportsPageBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Test
    void staffSeeTheFunnelTheApiReportsForACampaign() {
        Shown shown = Shown.campaignOverlay("45.00");
        String sku = shown.sku();
        String content = shown.content();
        String cue = shown.cue();
        String campaign = shown.campaign();
        for (int viewer = 0; viewer < 3; viewer++) {
            String device = DeviceSessions.token();
            List<Map<String, Object>> events = viewer == 0
                    ? List.of(event("impression", cue, content), event("click", cue, content), event("impression", cue, content))
                    : List.of(event("impression", cue, content));
            given().auth().oauth2(device).contentType("application/json").body(Map.of("events", events))
                    .post("/api/tv/interactions").then().statusCode(202);
            if (viewer == 0) {
                given().auth().oauth2(device).contentType("application/json")
                        .body(Map.of("sku", sku, "quantity", 1, "overlayId", cue, "contentId", content, "eventId", "page-ok"))
                        .post("/api/tv/cart/items").then().statusCode(200);
                String shopper = Tokens.shopper("page-" + UUID.randomUUID());
                JsonPath handoff = Shopping.handoff(device);
                Shopping.claim(shopper, handoff.getString("userCode")).statusCode(200);
                Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(handoff.getString("handoffId")))
                        .statusCode(201);
            }
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> query = Map.of("campaignId", campaign, "groupBy", "campaign,overlay",
                "from", today.minusDays(6) + "T00:00:00Z", "to", today.plusDays(1) + "T00:00:00Z");
        await().atMost(WAIT).ignoreExceptions()
                .until(() -> api(query).getInt("rows[0].orders") == 1 && api(query).getInt("rows[0].impressions") == 4
                        && api(query).getInt("rows[0].reach") == 3);
        JsonPath answer = api(query);

        WebDriver browser = Browsers.open(1440, 1000);
        try {
            browser.get(base + "admin/reports/?campaign=" + campaign);
            await().atMost(WAIT).until(() -> !browser.findElements(By.id("username")).isEmpty());
            browser.findElement(By.id("username")).sendKeys("admin");
            browser.findElement(By.id("password")).sendKeys("admin");
            browser.findElement(By.id("login")).click();
            await().atMost(WAIT).until(() -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded"))
                    || !browser.findElement(By.id("error")).getText().isEmpty());
            assertThat(browser.findElement(By.id("error")).getText()).isEmpty();

            List<WebElement> rows = browser.findElements(By.cssSelector("#rows tbody tr"));
            assertThat(rows).hasSize(1);
            WebElement row = rows.get(0);
            assertThat(row.getAttribute("data-campaign")).isEqualTo(campaign);
            assertThat(row.getAttribute("data-overlay")).isEqualTo(cue);
            assertThat(cell(row, "impressions")).isEqualTo(answer.getString("rows[0].impressions"));
            assertThat(cell(row, "reach")).isEqualTo(answer.getString("rows[0].reach"));
            assertThat(cell(row, "clicks")).isEqualTo(answer.getString("rows[0].clicks"));
            assertThat(cell(row, "adds")).isEqualTo(answer.getString("rows[0].adds"));
            assertThat(cell(row, "orders")).isEqualTo(answer.getString("rows[0].orders"));
            assertThat(cell(row, "revenue")).isEqualTo("¥" + answer.getString("rows[0].revenue[0].amount"));
            assertThat(browser.findElement(By.id("total-impressions")).getText()).isEqualTo(answer.getString("totals.impressions"));
            assertThat(browser.findElement(By.id("total-orders")).getText()).isEqualTo(answer.getString("totals.orders"));
            // The charts drew the same totals.
            Object bars = ((JavascriptExecutor) browser).executeScript(
                    "return Chart.getChart('funnel-chart').data.datasets[0].data");
            assertThat(bars).asList().extracting(value -> ((Number) value).intValue())
                    .containsExactly(answer.getInt("totals.impressions"), answer.getInt("totals.clicks"),
                            answer.getInt("totals.adds"), answer.getInt("totals.orders"));
            Browsers.screenshot(browser, "reports");
        } finally {
            Browsers.quit(browser, "last-reports");
        }
    }

    @Test
    void aHeldOutTvHidesTheCampaignsOverlayAndReportsAHoldout() {
        Shown shown = Shown.campaignOverlay("12.00");
        String content = shown.content();
        String cue = shown.cue();
        String campaign = shown.campaign();
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("name", "Half held out", "holdoutShare", 0.5)).put("/api/admin/campaigns/" + campaign)
                .then().statusCode(201);
        String device = null;
        for (int i = 0; device == null; i++) {
            String candidate = UUID.nameUUIDFromBytes(("held-tv-" + i).getBytes()).toString();
            device = Holdouts.heldOut(candidate, campaign, new BigDecimal("0.5")) ? candidate : null;
        }
        String heldOutDevice = device;
        String session = DeviceSessions.open(heldOutDevice);
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(session).get("/api/tv/holdouts")
                .then().body("campaigns", org.hamcrest.Matchers.hasItem(campaign)));

        WebDriver tv = Browsers.open(1920, 1080);
        try {
            String page = base + "tv/?tenant=" + DeviceSessions.TENANT + "&key=" + DeviceSessions.APP_KEY + "&content=" + content;
            // The app's install id, set on its origin before the app first starts.
            tv.get(base + "tv/tv.css");
            ((JavascriptExecutor) tv).executeScript("localStorage.clear(); localStorage.setItem('couchcart.deviceId', arguments[0]);",
                    heldOutDevice);
            tv.get(page);
            // The holdout reaches the funnel (the TV sends its batch within 5 s); the overlay never showed.
            Map<String, String> query = Map.of("campaignId", campaign, "groupBy", "campaign");
            await().atMost(WAIT).until(() -> api(query).getList("rows").size() == 1
                    && api(query).getInt("totals.holdout.devices") == 1);
            assertThat(tv.findElements(By.cssSelector(".overlay[data-overlay='" + cue + "']"))).isEmpty();
            assertThat(api(query).getInt("totals.impressions")).isZero();
        } finally {
            Browsers.quit(tv, "last-tv-holdout");
        }
    }

    /** A product shown by one overlay, of a campaign of its own, through the first ten minutes of a content. */
    private record Shown(String sku, String content, String cue, String campaign) {

        static Shown campaignOverlay(String price) {
            String sku = Shopping.product(price, 50);
            String content = "page-" + UUID.randomUUID().toString().substring(0, 8);
            String cue = "p" + UUID.randomUUID().toString().substring(0, 8);
            Admin.vod(content, 600_000);
            Admin.timeline(content, List.of(Admin.cue(cue, 0L, 600_000L, sku, 1))).statusCode(200);
            return new Shown(sku, content, cue, "campaign-" + cue);
        }
    }

    private static Map<String, Object> event(String type, String overlay, String content) {
        return Map.of("type", type, "overlayId", overlay, "contentId", content, "at", 1000);
    }

    private static JsonPath api(Map<String, String> query) {
        return given().auth().oauth2(Tokens.merchandiser()).queryParams(query).get("/api/admin/reports/funnel")
                .then().statusCode(200).extract().jsonPath();
    }

    private static String cell(WebElement row, String name) {
        return row.findElement(By.cssSelector("td." + name)).getText().replace(",", "");
    }
}
