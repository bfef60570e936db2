package com.couchcart.funnel;

import com.couchcart.testing.Admin;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.FunnelEvents;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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

        // (A day's reach follows its hours by a moment: when the range ends at midnight, today's reach is the day's.)
        JsonPath row = awaitRow("campaign,overlay", row0 -> row0.getLong("orders") == 1 && row0.getLong("impressions") == 4
                && row0.getLong("reach") == 3 && row0.getLong("clicks") == 2 && row0.getLong("adds") == 1);
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

    @Test
    void eachEventIsCountedOnceHoweverOftenItIsDelivered() {
        String device = UUID.randomUUID().toString();
        String once = "copy-" + UUID.randomUUID();
        try (FunnelEvents events = new FunnelEvents()) {
            // A relay that sent a batch and died before forgetting it: the next one sends the same ids again.
            for (int copy = 0; copy < 3; copy++) {
                events.interaction(once, "impression", DeviceSessions.TENANT, device, campaign, content, cue, null, Instant.now());
                events.interaction(once + "-click", "click", DeviceSessions.TENANT, device, campaign, content, cue, null, Instant.now());
            }
            events.interaction("other-" + UUID.randomUUID(), "impression", DeviceSessions.TENANT, device, campaign, content,
                    cue, null, Instant.now());
            // Last in the device's partition: once it is counted, every copy before it has been processed.
            events.interaction("last-" + UUID.randomUUID(), "add", DeviceSessions.TENANT, device, campaign, content,
                    cue, sku, Instant.now());
        }
        JsonPath row = awaitRow("campaign", counts -> counts.getLong("adds") == 1 && counts.getLong("reach") >= 1);
        assertThat(row.getLong("impressions")).isEqualTo(2);
        assertThat(row.getLong("clicks")).isEqualTo(1);
        assertThat(row.getLong("reach")).isEqualTo(1);
    }

    @Test
    void reachCountsDistinctDevicesAcrossDaysNotTheSumOfTheParts() {
        String both = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Instant earlier = now.minus(Duration.ofDays(2));
        try (FunnelEvents events = new FunnelEvents()) {
            for (var seen : List.of(Map.entry(both, earlier), Map.entry(UUID.randomUUID().toString(), earlier),
                    Map.entry(both, now), Map.entry(UUID.randomUUID().toString(), now))) {
                events.interaction(UUID.randomUUID().toString(), "impression", DeviceSessions.TENANT, seen.getKey(),
                        campaign, content, cue, null, seen.getValue());
            }
        }
        // Two days ago counts from that day's reach, today from today's hours: one device in both, counted once (the
        // sum of the parts, 4, would never satisfy the wait). A day's reach follows its hours by a moment.
        JsonPath row = awaitRow("campaign", counts -> counts.getLong("impressions") == 4 && counts.getLong("reach") == 3);
        assertThat(row.getLong("reach")).isEqualTo(3);
        JsonPath byDay = awaitReport(Tokens.merchandiser(), Map.of("campaignId", campaign, "groupBy", "day"),
                answer -> answer.getList("rows").size() == 2
                        && answer.getList("rows.reach", Integer.class).equals(List.of(2, 2)));
        assertThat(byDay.getList("rows.key.day", String.class)).containsExactly(
                earlier.toString().substring(0, 10), now.toString().substring(0, 10));
        assertThat(byDay.getLong("totals.reach")).isEqualTo(3);
    }

    @Test
    void aCancelledOrderSubtractsAndShowsInTheTenantStatement() {
        String device = UUID.randomUUID().toString();
        String tenant = "cancel-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        try (FunnelEvents events = new FunnelEvents()) {
            String kept = events.placed(tenant, device, now, List.of(
                    new FunnelEvents.Line(sku, 1, "30.00", campaign, content, cue, now.minus(Duration.ofHours(1)))));
            String cancelled = events.placed(tenant, device, now, List.of(
                    new FunnelEvents.Line(sku, 2, "60.00", campaign, content, cue, now.minus(Duration.ofHours(2)))));
            awaitRow("campaign", row -> row.getLong("orders") == 2);
            events.cancelled(cancelled, tenant);
            assertThat(kept).isNotEqualTo(cancelled);
        }
        JsonPath row = awaitRow("campaign", counts -> counts.getLong("orders") == 1);
        assertThat(row.getLong("units")).isEqualTo(1);
        assertThat(row.getList("revenue")).containsExactly(Map.of("amount", "30.00", "currency", "CNY"));

        JsonPath statement = given().auth().oauth2(Tokens.operator())
                .queryParam("month", YearMonth.now(ZoneOffset.UTC).toString())
                .when().get("/api/admin/reports/tenants").then().statusCode(200).extract().jsonPath()
                .setRootPath("rows.find { it.tenant == '" + tenant + "' }");
        assertThat(statement.getLong("orders")).isEqualTo(1);
        assertThat(statement.getLong("units")).isEqualTo(1);
        assertThat(statement.getList("revenue")).containsExactly(Map.of("amount", "30.00", "currency", "CNY"));
        assertThat(statement.getList("cancelledRevenue")).containsExactly(Map.of("amount", "60.00", "currency", "CNY"));
    }

    @Test
    void aLineIsCreditedWhenItsAddLiesWithinFourteenDaysAndOtherwiseCountsAsUnattributed() {
        String tenant = "edge-" + UUID.randomUUID().toString().substring(0, 8);
        Instant placed = Instant.now();
        try (FunnelEvents events = new FunnelEvents()) {
            events.placed(tenant, UUID.randomUUID().toString(), placed, List.of(
                    new FunnelEvents.Line(sku, 1, "30.00", campaign, content, cue, placed.minus(Duration.ofDays(14).minusHours(1))),
                    new FunnelEvents.Line(sku, 2, "60.00", campaign, content, cue, placed.minus(Duration.ofDays(14).plusHours(1)))));
            events.placed(tenant, UUID.randomUUID().toString(), placed, List.of(
                    new FunnelEvents.Line(sku, 1, "30.00", null, null, null, null)));
        }
        JsonPath report = awaitReport(Tokens.merchandiser(), Map.of("tenant", tenant, "groupBy", "campaign,overlay"),
                answer -> answer.getLong("totals.unattributedOrders") == 2 && answer.getList("rows").size() == 1);
        assertThat(report.getMap("rows[0].key")).containsEntry("campaign", campaign).containsEntry("overlay", cue);
        assertThat(report.getLong("rows[0].orders")).isEqualTo(1);
        assertThat(report.getLong("rows[0].units")).isEqualTo(1);
        assertThat(report.getList("rows[0].revenue")).containsExactly(Map.of("amount", "30.00", "currency", "CNY"));
        assertThat(report.getString("attributionWindow")).isEqualTo("P14D");
        assertThat(report.getLong("totals.orders")).isEqualTo(1);
        assertThat(report.getList("totals.unattributedRevenue")).containsExactly(Map.of("amount", "90.00", "currency", "CNY"));
    }

    @Test
    void aPartnerSeesItsOwnTenantOnlyInRowsTotalsCsvAndStatements() {
        String own = "brand-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "rival-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        try (FunnelEvents events = new FunnelEvents()) {
            for (String tenant : List.of(own, other, other)) {
                String device = UUID.randomUUID().toString();
                events.interaction(UUID.randomUUID().toString(), "impression", tenant, device, campaign, content, cue, null, now);
                events.placed(tenant, device, now, List.of(new FunnelEvents.Line(sku, 1, "30.00", campaign, content, cue, now)));
            }
        }
        awaitReport(Tokens.merchandiser(), Map.of("campaignId", campaign, "groupBy", "tenant"),
                answer -> answer.getLong("totals.impressions") == 3 && answer.getLong("totals.orders") == 3);

        String partner = Tokens.partner(own);
        JsonPath mine = awaitReport(partner, Map.of("campaignId", campaign, "groupBy", "tenant,campaign"),
                answer -> answer.getList("rows").size() == 1 && answer.getLong("totals.reach") == 1);
        assertThat(mine.getList("rows.key.tenant")).containsExactly(own);
        assertThat(mine.getLong("totals.impressions")).isEqualTo(1);
        assertThat(mine.getLong("totals.orders")).isEqualTo(1);
        String csv = given().auth().oauth2(partner).accept("text/csv")
                .queryParam("campaignId", campaign).queryParam("groupBy", "tenant")
                .when().get("/api/admin/reports/funnel").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertThat(csv.lines()).hasSize(2).noneMatch(line -> line.contains(other));
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("tenant,impressions,reach,clicks,adds,orders,units,revenue_CNY,");
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith(own + ",1,1,0,0,1,1,30.00,");

        given().auth().oauth2(partner).queryParam("tenant", other).when().get("/api/admin/reports/funnel")
                .then().statusCode(403).contentType("application/problem+json");
        List<String> tenants = given().auth().oauth2(partner).queryParam("month", YearMonth.now(ZoneOffset.UTC).toString())
                .when().get("/api/admin/reports/tenants").then().statusCode(200).extract().path("rows.tenant");
        assertThat(tenants).containsExactly(own);
        given().auth().oauth2(Tokens.partner("")).when().get("/api/admin/reports/funnel").then().statusCode(403);
    }

    @Test
    void heldOutDevicesGiveTheLiftOfTheOverlayWithItsInterval() {
        String tenant = "lift-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        try (FunnelEvents events = new FunnelEvents()) {
            // A holdout of no campaign (an overlay the service does not know) is no comparison: passed over, and the
            // sink goes on with the next ones.
            events.interaction(UUID.randomUUID().toString(), "holdout", tenant, UUID.randomUUID().toString(), null,
                    content, "unknown-cue", sku, now);
            for (int i = 0; i < 4; i++) {
                String exposed = UUID.randomUUID().toString();
                events.interaction(UUID.randomUUID().toString(), "impression", tenant, exposed, campaign, content, cue, null, now);
                if (i < 2) {
                    events.placed(tenant, exposed, now, List.of(new FunnelEvents.Line(sku, 1, "30.00", campaign, content, cue, now)));
                }
                String heldOut = UUID.randomUUID().toString();
                events.interaction(UUID.randomUUID().toString(), "holdout", tenant, heldOut, campaign, content, cue, sku, now);
                if (i == 0) {
                    // Bought the product anyway, without the overlay: what the holdout measures.
                    events.placed(tenant, heldOut, now.plusSeconds(60), List.of(new FunnelEvents.Line(sku, 1, "30.00", null, null, null, null)));
                    events.placed(tenant, heldOut, now.plusSeconds(90), List.of(new FunnelEvents.Line("SKU-OTHER", 1, "5.00", null, null, null, null)));
                }
            }
        }
        JsonPath row = awaitReport(Tokens.merchandiser(), Map.of("tenant", tenant, "groupBy", "campaign"),
                answer -> answer.getList("rows").size() == 1 && answer.getLong("rows[0].holdout.orders") == 1
                        && answer.getLong("rows[0].orders") == 2 && answer.getLong("rows[0].reach") == 4
                        && answer.getLong("rows[0].holdout.devices") == 4)
                .setRootPath("rows[0]");
        assertThat(row.getLong("holdout.devices")).isEqualTo(4);
        assertThat(row.getDouble("holdout.conversionRate")).isEqualTo(0.25);
        assertThat(row.getDouble("conversionRate")).isEqualTo(0.5);
        assertThat(row.getDouble("lift.value")).isEqualTo(0.25);
        // Wald interval: 0.25 ± 1.96 · √(0.5·0.5/4 + 0.25·0.75/4)
        assertThat(row.getDouble("lift.low")).isCloseTo(0.25 - 1.959964 * Math.sqrt(0.0625 + 0.046875), within(1e-5));
        assertThat(row.getDouble("lift.high")).isCloseTo(0.25 + 1.959964 * Math.sqrt(0.0625 + 0.046875), within(1e-5));
    }

    @Test
    void badParametersAre400ProblemsNamingEachField() {
        String merchandiser = Tokens.merchandiser();
        given().auth().oauth2(merchandiser).queryParam("from", "yesterday").queryParam("groupBy", "campaign,colour")
                .queryParam("tenant", "no spaces").when().get("/api/admin/reports/funnel")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("from", "groupBy", "tenant"));
        given().auth().oauth2(merchandiser).queryParam("from", "2026-01-02T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/api/admin/reports/funnel").then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().auth().oauth2(merchandiser).queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/api/admin/reports/funnel").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(merchandiser).queryParam("groupBy", "day,day")
                .when().get("/api/admin/reports/funnel").then().statusCode(400);
        given().auth().oauth2(merchandiser).queryParam("month", "2026-13")
                .when().get("/api/admin/reports/tenants").then().statusCode(400).contentType("application/problem+json");
        // Within bounds: from and to round down to the hour; a quiet range answers no rows.
        given().auth().oauth2(merchandiser).queryParam("from", "2026-01-01T00:59:59Z").queryParam("to", "2026-01-01T02:30:00Z")
                .queryParam("groupBy", "day,hour").queryParam("campaignId", campaign)
                .when().get("/api/admin/reports/funnel").then().statusCode(200)
                .body("from", equalTo("2026-01-01T00:00:00Z")).body("to", equalTo("2026-01-01T02:00:00Z"))
                .body("groupBy", equalTo(List.of("day", "hour"))).body("rows", org.hamcrest.Matchers.empty());
    }

    @Test
    void campaignsKeepTheirHoldoutShareAndDevicesLearnTheirsStably() {
        String held = "holdout-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("name", "Everyone held out", "holdoutShare", 0.5)).when().put("/api/admin/campaigns/" + held)
                .then().statusCode(201).body("holdoutShare", equalTo(0.5f)).body("name", equalTo("Everyone held out"));
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("name", "Too many", "holdoutShare", 0.6)).when().put("/api/admin/campaigns/" + held)
                .then().statusCode(400).body("errors[0].field", equalTo("holdoutShare"));
        given().auth().oauth2(Tokens.merchandiser()).when().get("/api/admin/campaigns/" + held)
                .then().statusCode(200).body("holdoutShare", equalTo(0.5f));
        given().auth().oauth2(Tokens.merchandiser()).when().get("/api/admin/campaigns/none-" + held).then().statusCode(404);

        // The device whose place is below the share is held out, on every ask; the other one never.
        String in = null;
        String out = null;
        for (int i = 0; in == null || out == null; i++) {
            String device = UUID.nameUUIDFromBytes(("device-" + i).getBytes()).toString();
            if (Holdouts.heldOut(device, held, new java.math.BigDecimal("0.5"))) {
                in = in == null ? device : in;
            } else {
                out = out == null ? device : out;
            }
        }
        String heldSession = DeviceSessions.open(in);
        String exposedSession = DeviceSessions.open(out);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(heldSession)
                .when().get("/api/tv/holdouts").then().statusCode(200).body("campaigns", org.hamcrest.Matchers.hasItem(held)));
        given().auth().oauth2(exposedSession).when().get("/api/tv/holdouts")
                .then().statusCode(200).body("campaigns", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(held)));
    }

    private void report(String device, String... types) {
        given().auth().oauth2(device).contentType("application/json")
                .body(Map.of("events", java.util.Arrays.stream(types)
                        .map(type -> Map.of("type", type, "overlayId", cue, "contentId", content, "at", 1000)).toList()))
                .when().post("/api/tv/interactions").then().statusCode(202);
    }

    /** Waits until the campaign's report has one row that satisfies {@code ready}; answers it. */
    private JsonPath awaitRow(String groupBy, Predicate<JsonPath> ready) {
        JsonPath answer = awaitReport(Tokens.merchandiser(), Map.of("campaignId", campaign, "groupBy", groupBy),
                report -> report.getList("rows").size() == 1 && ready.test(report.setRootPath("rows[0]")));
        return answer.setRootPath("rows[0]");
    }

    /** Waits until the report asked with these parameters satisfies {@code ready}; answers it. */
    static JsonPath awaitReport(String token, Map<String, String> parameters, Predicate<JsonPath> ready) {
        String[] last = new String[1];
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                last[0] = given().auth().oauth2(token).queryParams(parameters)
                        .when().get("/api/admin/reports/funnel").then().statusCode(200).extract().asString();
                return ready.test(new JsonPath(last[0]));
            });
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError("The report never got there; last answer: " + last[0], timeout);
        }
        return new JsonPath(last[0]);
    }
}
