package com.couchcart.funnel;

import com.couchcart.testing.Admin;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The funnel end to end, against the real broker, Redis and PostgreSQL: what TVs report and buy is counted by the
 * stream processor and reported per campaign and overlay.
 */
@CouchCartTest
class FunnelReportTest {

    private String sku;
    private String content;
    private String cue;
    private String campaign;

    @BeforeEach
    void campaignWithOneOverlay() {
        sku = Shopping.product("30.00", 50);
        content = "show-" + UUID.randomUUID().toString().substring(0, 8);
        cue = "c" + UUID.randomUUID().toString().substring(0, 8);
        campaign = "campaign-" + cue;
        Admin.vod(content, 600_000);
        Admin.timeline(content, List.of(Admin.cue(cue, 0L, 60_000L, sku, 1))).statusCode(200);
    }

    @Test
    void impressionsClicksAddsAndAnOrderAreReportedForTheCampaignAndItsOverlay() {
        String viewer = DeviceSessions.open(UUID.randomUUID().toString());
        String second = DeviceSessions.open(UUID.randomUUID().toString());
        String third = DeviceSessions.open(UUID.randomUUID().toString());
        report(viewer, "impression", "impression", "click");
        report(second, "impression", "click");
        report(third, "impression");
        given().auth().oauth2(viewer).contentType("application/json")
                .body(Map.of("sku", sku, "quantity", 2, "overlayId", cue, "contentId", content, "eventId", "ok-1"))
                .when().post("/api/tv/cart/items").then().statusCode(200);
        String shopper = Tokens.shopper("funnel-" + UUID.randomUUID());
        JsonPath handoff = Shopping.handoff(viewer);
        Shopping.claim(shopper, handoff.getString("userCode")).statusCode(200);
        Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(handoff.getString("handoffId")))
                .statusCode(201);

        JsonPath row = awaitRow("campaign,overlay", row0 -> row0.getLong("orders") == 1 && row0.getLong("impressions") == 4);
        assertThat(row.getMap("key")).containsExactlyInAnyOrderEntriesOf(Map.of("campaign", campaign, "overlay", cue));
        assertThat(row.getLong("impressions")).isEqualTo(4);
        assertThat(row.getLong("reach")).isEqualTo(3);
        assertThat(row.getLong("clicks")).isEqualTo(2);
        assertThat(row.getLong("adds")).isEqualTo(1);
        assertThat(row.getLong("units")).isEqualTo(2);
        assertThat(row.getList("revenue")).containsExactly(Map.of("amount", "60.00", "currency", "CNY"));
        assertThat(row.getDouble("ctr")).isEqualTo(0.5);
        assertThat(row.getDouble("addRate")).isEqualTo(0.25);
        assertThat(row.getDouble("conversionRate")).isEqualTo(0.333333);
        assertThat(row.getMap("lift")).isNull();
    }

    private void report(String device, String... types) {
        given().auth().oauth2(device).contentType("application/json")
                .body(Map.of("events", java.util.Arrays.stream(types)
                        .map(type -> Map.of("type", type, "overlayId", cue, "contentId", content, "at", 1000)).toList()))
                .when().post("/api/tv/interactions").then().statusCode(202);
    }

    /** Waits until the campaign's report has one row that satisfies {@code ready}; answers it. */
    private JsonPath awaitRow(String groupBy, java.util.function.Predicate<JsonPath> ready) {
        JsonPath[] found = new JsonPath[1];
        String[] last = new String[1];
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                last[0] = given().auth().oauth2(Tokens.merchandiser())
                        .queryParam("campaignId", campaign).queryParam("groupBy", groupBy)
                        .when().get("/api/admin/reports/funnel").then().statusCode(200).extract().asString();
                JsonPath answer = new JsonPath(last[0]);
                if (answer.getList("rows").size() != 1) {
                    return false;
                }
                found[0] = new JsonPath(last[0]).setRootPath("rows[0]");
                return ready.test(found[0]);
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError("The report never got there; last answer: " + last[0], timeout);
        }
        return found[0];
    }
}
