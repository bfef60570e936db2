package com.couchcart.handoff;

import com.couchcart.testing.Admin;
import com.couchcart.testing.Concurrently;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.EventStream;
import com.couchcart.testing.QrImages;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

@CouchCartTest
class HandoffTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    RedisDataSource redis;

    @Test
    void theWholeJourneyEndsWithTheOrderOnTheTv() throws Exception {
        String sku = Shopping.product("129.00", 20);
        String content = "journey-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.vod(content, 600_000);
        Admin.timeline(content, List.of(Admin.cue("jacket", 0L, 60_000L, sku, 1))).statusCode(200);
        String device = DeviceSessions.token();

        // The viewer presses OK on the overlay on screen.
        JsonPath overlay = given().queryParam("at", 1000)
                .get("/api/tv/" + DeviceSessions.TENANT + "/contents/" + content + "/overlays")
                .then().statusCode(200).extract().jsonPath();
        given().auth().oauth2(device).contentType("application/json")
                .body(Map.of("sku", overlay.getString("overlays[0].product.sku"), "quantity", 2,
                        "overlayId", overlay.getString("overlays[0].id"), "contentId", content, "eventId", "ok-1"))
                .post("/api/tv/cart/items").then().statusCode(200);

        JsonPath handoff = Shopping.handoff(device);
        String handoffId = handoff.getString("handoffId");
        assertThat(handoffId).matches("[A-Za-z0-9_-]{32}");
        assertThat(handoff.getString("userCode")).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
        assertThat(handoff.getString("verificationUri")).isEqualTo(base.toString().replaceAll("/$", "") + "/phone/");
        assertThat(handoff.getString("verificationUriComplete"))
                .isEqualTo(handoff.getString("verificationUri") + "?user_code=" + handoff.getString("userCode"));
        assertThat(handoff.getInt("expiresIn")).isEqualTo(600);
        assertThat(handoff.getInt("interval")).isEqualTo(5);

        // The TV shows the QR code; the phone's camera reads it.
        byte[] png = given().queryParam("size", 480).get("/api/tv/handoffs/" + handoffId + "/qr.png")
                .then().statusCode(200).contentType("image/png").header("Cache-Control", containsString("private"))
                .extract().asByteArray();
        BufferedImage image = QrImages.image(png);
        assertThat(image.getWidth()).isEqualTo(480);
        assertThat(image.getHeight()).isEqualTo(480);
        String scanned = QrImages.decode(image);
        assertThat(scanned).isEqualTo(handoff.getString("verificationUriComplete"));

        try (EventStream tv = EventStream.open(URI.create(base + "api/tv/handoffs/" + handoffId + "/events"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tv.data("status").size() == 1);
            assertThat(JsonPath.from(tv.data("status").get(0)).getString("status")).isEqualTo("PENDING");

            String shopper = Tokens.shopper("journey-" + UUID.randomUUID());
            String code = scanned.substring(scanned.indexOf("user_code=") + 10);
            Shopping.claim(shopper, code).statusCode(200)
                    .body("handoffId", equalTo(handoffId))
                    .body("tv.tenant", equalTo(DeviceSessions.TENANT))
                    .body("tv.brand", equalTo(DeviceSessions.TENANT))
                    .body("tv.model", equalTo("Test TV"))
                    .body("cart.lines", hasSize(1))
                    .body("cart.lines[0].sku", equalTo(sku))
                    .body("cart.lines[0].quantity", equalTo(2))
                    .body("cart.total.amount", equalTo("258.00"));
            await().atMost(Duration.ofSeconds(10)).until(() -> tv.data("status").size() == 2);
            assertThat(JsonPath.from(tv.data("status").get(1)).getString("status")).isEqualTo("CLAIMED");

            String orderId = Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(handoffId))
                    .statusCode(201)
                    .header("Location", containsString("/api/phone/orders/"))
                    .body("status", equalTo("PLACED"))
                    .body("total.amount", equalTo("258.00"))
                    .body("payment.method", equalTo("cash_on_delivery"))
                    .body("payment.status", equalTo("DUE_ON_DELIVERY"))
                    .body("lines[0].overlayId", equalTo("jacket"))
                    .body("lines[0].campaignId", equalTo("campaign-jacket"))
                    .extract().path("id");

            await().atMost(Duration.ofSeconds(10)).until(() -> tv.data("status").size() == 3);
            JsonPath completed = JsonPath.from(tv.data("status").get(2));
            assertThat(completed.getString("status")).isEqualTo("COMPLETED");
            assertThat(completed.getString("orderId")).isEqualTo(orderId);
            // A final status ends the stream.
            await().atMost(Duration.ofSeconds(10)).until(tv::ended);
            assertThat(tv.lines()).filteredOn(line -> !line.isEmpty())
                    .allMatch(line -> line.startsWith("event:") || line.startsWith("data:") || line.startsWith("id:")
                            || line.startsWith(":"));

            given().auth().oauth2(device).get("/api/tv/orders/" + orderId).then().statusCode(200)
                    .body("number", matchesPattern("CC-\\d{8}"))
                    .body("status", equalTo("PLACED"))
                    .body("shippingAddress", equalTo(null));
            Shopping.cart(device).body("lines", hasSize(0));
            try (Connection db = com.couchcart.testing.Database.service();
                 ResultSet line = db.createStatement().executeQuery(
                         "select overlay_id, campaign_id, unit_price from order_line where order_id = '" + orderId + "'")) {
                assertThat(line.next()).isTrue();
                assertThat(line.getString("overlay_id")).isEqualTo("jacket");
                assertThat(line.getString("campaign_id")).isEqualTo("campaign-jacket");
                assertThat(line.getBigDecimal("unit_price")).isEqualByComparingTo("129.00");
            }
            assertThat(Shopping.stock(sku)).isEqualTo(18);
        }
    }

    @Test
    void theSvgCodeCarriesTheSameLinkAndSizesAreBounded() throws Exception {
        String device = deviceWithCart();
        JsonPath handoff = Shopping.handoff(device);
        String path = "/api/tv/handoffs/" + handoff.getString("handoffId");
        String svg = given().get(path + "/qr.svg").then().statusCode(200).contentType("image/svg+xml")
                .extract().asString();
        assertThat(svg).contains("width=\"512\"", "height=\"512\"");
        assertThat(QrImages.decodeSvg(svg)).isEqualTo(handoff.getString("verificationUriComplete"));

        for (String size : List.of("64", "5000", "big")) {
            given().queryParam("size", size).get(path + "/qr.png").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().get("/api/tv/handoffs/" + "x".repeat(32) + "/qr.png").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anEmptyCartHasNothingToHandOff() {
        Shopping.openHandoff(DeviceSessions.token()).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("empty"));
    }

    @Test
    void aNewHandoffOfTheSameTvCancelsTheOldOne() {
        String device = deviceWithCart();
        JsonPath first = Shopping.handoff(device);
        JsonPath second = Shopping.handoff(device);
        assertThat(second.getString("userCode")).isNotEqualTo(first.getString("userCode"));
        status(device, first.getString("handoffId")).statusCode(200).body("status", equalTo("CANCELLED"));
        Shopping.claim(Tokens.shopper("sam"), first.getString("userCode")).statusCode(410)
                .contentType("application/problem+json");
        Shopping.claim(Tokens.shopper("sam"), second.getString("userCode")).statusCode(200);
    }

    @Test
    void anExpiredHandoffCannotBeClaimedAndTheTvIsTold() throws Exception {
        String device = deviceWithCart();
        JsonPath handoff = Shopping.handoff(device);
        String handoffId = handoff.getString("handoffId");
        try (EventStream tv = EventStream.open(URI.create(base + "api/tv/handoffs/" + handoffId + "/events"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> tv.data("status").size() == 1);
            // Ten minutes pass.
            redis.hash(String.class).hset("couchcart:handoff:" + handoffId, "expires",
                    Long.toString(System.currentTimeMillis() - 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> tv.data("status").size() == 2);
            assertThat(JsonPath.from(tv.data("status").get(1)).getString("status")).isEqualTo("EXPIRED");
            await().atMost(Duration.ofSeconds(10)).until(tv::ended);
        }
        status(device, handoffId).statusCode(200).body("status", equalTo("EXPIRED")).body("expiresIn", equalTo(0));
        Shopping.claim(Tokens.shopper("sam"), handoff.getString("userCode")).statusCode(410);
    }

    @Test
    void oneShopperClaimsAHandoffAndOnlyTheyCheckItOut() {
        String device = deviceWithCart();
        JsonPath handoff = Shopping.handoff(device);
        String code = handoff.getString("userCode");
        String first = Tokens.shopper("first-" + UUID.randomUUID());
        String second = Tokens.shopper("second-" + UUID.randomUUID());
        // Any case, with or without the dash, with spaces.
        Shopping.claim(first, code.toLowerCase().replace("-", "")).statusCode(200);
        Shopping.claim(first, " " + code.replace("-", " ") + " ").statusCode(200);
        Shopping.claim(second, code).statusCode(409).contentType("application/problem+json");
        Shopping.checkout(second, UUID.randomUUID().toString(), Shopping.checkoutBody(handoff.getString("handoffId")))
                .statusCode(404).contentType("application/problem+json");
        status(device, handoff.getString("handoffId")).body("status", equalTo("CLAIMED"));
    }

    @Test
    void wrongCodesAreLimitedPerShopper() {
        String device = deviceWithCart();
        String code = Shopping.handoff(device).getString("userCode");
        String guesser = Tokens.shopper("guesser-" + UUID.randomUUID());
        for (int i = 0; i < 10; i++) {
            Shopping.claim(guesser, wrongCode(code), "192.0.2." + (i + 1)).statusCode(404)
                    .contentType("application/problem+json");
        }
        // Now even the right code, from yet another address, waits.
        Shopping.claim(guesser, code, "192.0.2.200").statusCode(429).contentType("application/problem+json")
                .header("Retry-After", not(emptyOrNullString()))
                .body("type", equalTo("https://couchcart.dev/problems/rate-limited"));
        Shopping.claim(Tokens.shopper("honest-" + UUID.randomUUID()), code).statusCode(200);
    }

    @Test
    void wrongCodesAreLimitedPerClientAddress() {
        String device = deviceWithCart();
        String code = Shopping.handoff(device).getString("userCode");
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 10; i++) {
            Shopping.claim(Tokens.shopper("botnet-" + UUID.randomUUID()), wrongCode(code), address).statusCode(404);
        }
        Shopping.claim(Tokens.shopper("botnet-" + UUID.randomUUID()), code, address).statusCode(429);
        Shopping.claim(Tokens.shopper("neighbour-" + UUID.randomUUID()), code, "192.0.2.251").statusCode(200);
        Shopping.claim(Tokens.shopper("neighbour-" + UUID.randomUUID()), "not a code at all", "192.0.2.250")
                .statusCode(400).body("errors[0].field", equalTo("userCode"));
    }

    @Test
    void wrongCodesSentAllAtOnceStillMeetTheLimit() throws Exception {
        String code = Shopping.handoff(deviceWithCart()).getString("userCode");
        String guesser = Tokens.shopper("burst-" + UUID.randomUUID());
        List<HttpRequest> guesses = IntStream.range(0, 25).mapToObj(i -> HttpRequest
                        .newBuilder(URI.create(base + "api/phone/handoffs/claim"))
                        .header("Authorization", "Bearer " + guesser)
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "192.0.2." + (i + 1))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"userCode\":\"" + wrongCode(code) + "\"}"))
                        .build())
                .toList();

        List<Integer> statuses = Concurrently.send(guesses).stream().map(HttpResponse::statusCode).toList();

        assertThat(statuses).containsOnly(404, 429);
        assertThat(statuses).filteredOn(status -> status == 404).hasSize(10);
    }

    @Test
    void anIpv6ClientIsLimitedByItsNetwork() {
        String code = Shopping.handoff(deviceWithCart()).getString("userCode");
        String network = "2001:db8:" + Integer.toHexString(1 + (int) (Math.random() * 0xfffe)) + ":1:";
        for (int i = 0; i < 10; i++) {
            Shopping.claim(Tokens.shopper("v6-" + UUID.randomUUID()), wrongCode(code), "[" + network + ":" + (i + 1) + "]")
                    .statusCode(404);
        }
        // Another address of the same /64: the same subscriber.
        Shopping.claim(Tokens.shopper("v6-" + UUID.randomUUID()), code, "[" + network + "abcd:1:2:3]").statusCode(429);
        // The next network is someone else.
        Shopping.claim(Tokens.shopper("v6-" + UUID.randomUUID()), code, "[" + network.replace(":1:", ":2:") + ":1]")
                .statusCode(200);
    }

    @Test
    void aCheckoutWhoseLastStepsWereLostIsSettledWhenTheTvLooks() throws Exception {
        String device = DeviceSessions.token();
        String sku = Shopping.product("19.00", 10);
        Shopping.add(device, sku, 1);
        JsonPath handoff = Shopping.handoff(device);
        String handoffId = handoff.getString("handoffId");
        String shopper = Tokens.shopper("crash-" + UUID.randomUUID());
        Shopping.claim(shopper, handoff.getString("userCode")).statusCode(200);
        String orderId = Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(handoffId))
                .statusCode(201).extract().path("id");
        // As if the service stopped right after the commit: the handoff still CLAIMED, the line still in the cart.
        redis.hash(String.class).hset("couchcart:handoff:" + handoffId, Map.of("status", "CLAIMED", "cart-cleared", "0"));
        redis.hash(String.class).hdel("couchcart:handoff:" + handoffId, "order");
        Shopping.add(device, sku, 1);

        status(device, handoffId).statusCode(200).body("status", equalTo("COMPLETED")).body("orderId", equalTo(orderId));
        Shopping.cart(device).body("lines", hasSize(0));
    }

    @Test
    void pollingFasterThanTheIntervalIsToldToSlowDown() {
        String device = deviceWithCart();
        String handoffId = Shopping.handoff(device).getString("handoffId");
        status(device, handoffId).statusCode(200).body("status", equalTo("PENDING"))
                .body("orderId", equalTo(null)).body("expiresIn", equalTo(600));
        status(device, handoffId).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://couchcart.dev/problems/slow-down"));
    }

    @Test
    void onlyTheTvThatOpenedAHandoffReadsItsStatus() {
        String device = deviceWithCart();
        String handoffId = Shopping.handoff(device).getString("handoffId");
        status(DeviceSessions.token(), handoffId).statusCode(404).contentType("application/problem+json");
        given().get("/api/tv/handoffs/" + handoffId).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.shopper("sam")).get("/api/tv/handoffs/" + handoffId).then().statusCode(401);
        given().get("/api/tv/handoffs/" + "y".repeat(32) + "/events").then().statusCode(404)
                .contentType("application/problem+json");
        status(device, handoffId).statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse status(String device, String handoffId) {
        return given().auth().oauth2(device).get("/api/tv/handoffs/" + handoffId).then();
    }

    private static String deviceWithCart() {
        String device = DeviceSessions.token();
        Shopping.add(device, Shopping.product("10.00", 50), 1);
        return device;
    }

    /** A well-formed code that is not this one. */
    private static String wrongCode(String code) {
        char first = code.charAt(0) == 'B' ? 'C' : 'B';
        return first + code.substring(1);
    }
}
