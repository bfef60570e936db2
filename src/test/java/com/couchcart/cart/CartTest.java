package com.couchcart.cart;

import com.couchcart.testing.Admin;
import com.couchcart.testing.Concurrently;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.LocalStackTestResource;
import com.couchcart.testing.TopicReader;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@CouchCartTest
class CartTest {

    @TestHTTPResource("/")
    URL base;
    @Inject
    RedisDataSource redis;
    @Inject
    CartStore carts;

    private String deviceId;
    private String token;
    private String sku;

    @BeforeEach
    void aDeviceAndAProduct() {
        deviceId = UUID.randomUUID().toString();
        token = DeviceSessions.open(deviceId);
        sku = "SKU-CART-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.product(sku, "25.00", true);
    }

    @Test
    void addsFromAnOverlayAndReadsTheCart() {
        add(token, sku, 2, "e1").statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1))
                .body("lines", hasSize(1))
                .body("lines[0].sku", equalTo(sku))
                .body("lines[0].title", equalTo("Product " + sku))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].unitPrice.amount", equalTo("25.00"))
                .body("lines[0].lineTotal.amount", equalTo("50.00"))
                .body("lines[0].overlayId", equalTo("cue-07"))
                .body("lines[0].availability", equalTo("AVAILABLE"))
                .body("total", equalTo(Map.of("amount", "50.00", "currency", "CNY")));
        add(token, sku, 1, "e2").body("lines[0].quantity", equalTo(3)).body("version", equalTo(2));
        cart(token).statusCode(200).header("ETag", equalTo("\"2\"")).body("lines[0].quantity", equalTo(3));
    }

    @Test
    void aRepeatedEventIdChangesNothingEvenTwentyAtOnce() throws Exception {
        List<Integer> statuses = statuses(IntStream.range(0, 20).mapToObj(i -> addRequest(sku, 1, "press-1")));
        assertThat(statuses).containsOnly(200);
        cart(token).body("lines[0].quantity", equalTo(1)).body("version", equalTo(1));
    }

    @Test
    void twoHundredConcurrentAddsLoseNoUpdateAndStopAtTheLimit() throws Exception {
        List<Integer> statuses = statuses(IntStream.range(0, 200).mapToObj(i -> addRequest(sku, 1, "press-" + i)));
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(10);
        assertThat(statuses.stream().filter(status -> status == 409)).hasSize(190);
        cart(token).body("lines[0].quantity", equalTo(10)).body("version", equalTo(10));
    }

    @Test
    void limitsAreClearProblems() {
        add(token, sku, 11, "too-many").statusCode(400).body("errors[0].field", equalTo("quantity"));
        add(token, sku, 0, "zero").statusCode(400);
        add(token, "SKU-NOT-THERE", 1, "ghost").statusCode(400).body("errors[0].field", equalTo("sku"));
        add(token, sku, 9, "nine").statusCode(200);
        add(token, sku, 2, "two-more").statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("At most 10 of one product fit in a cart."));

        String scarce = sku + "-SCARCE";
        given().auth().oauth2(com.couchcart.testing.Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("title", "Scarce", "price", Map.of("amount", "5.00", "currency", "CNY"), "stock", 2, "active", true))
                .when().put("/api/admin/products/" + scarce).then().statusCode(201);
        add(token, scarce, 3, "scarce").statusCode(409).body("detail", equalTo("Only 2 left in stock."));

        String off = sku + "-OFF";
        Admin.product(off, "5.00", false);
        add(token, off, 1, "off").statusCode(400).body("errors[0].message", equalTo("product '" + off + "' is not on sale"));
        cart(token).body("lines", hasSize(1)).body("lines[0].quantity", equalTo(9));
    }

    @Test
    void atMostFiftyLines() {
        for (int i = 0; i < 50; i++) {
            Admin.product(sku + "-" + i, "1.00", true);
            add(token, sku + "-" + i, 1, "line-" + i).statusCode(200);
        }
        add(token, sku, 1, "fifty-first").statusCode(409).body("detail", equalTo("A cart holds at most 50 different products."));
        cart(token).body("lines", hasSize(50));
    }

    @Test
    void changesQuantityRemovesAndClears() {
        add(token, sku, 1, "a");
        String other = sku + "-OTHER";
        Admin.product(other, "3.00", true);
        add(token, other, 1, "b");

        given().auth().oauth2(token).contentType("application/json").body(Map.of("quantity", 4))
                .when().patch("/api/tv/cart/items/" + sku).then().statusCode(200)
                .body("lines[0].quantity", equalTo(4)).body("total.amount", equalTo("103.00"));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("quantity", 4))
                .when().patch("/api/tv/cart/items/NOT-IN-CART").then().statusCode(404);
        given().auth().oauth2(token).when().delete("/api/tv/cart/items/" + other).then().statusCode(200)
                .body("lines.sku", contains(sku));
        int version = given().auth().oauth2(token).when().delete("/api/tv/cart/items/" + other).then().statusCode(200)
                .extract().path("version");
        assertThat(version).isEqualTo(4);
        given().auth().oauth2(token).when().delete("/api/tv/cart").then().statusCode(200)
                .body("lines", empty()).body("total.amount", equalTo("0.00")).body("version", equalTo(5));
    }

    @Test
    void aStaleIfMatchAnswers412AndChangesNothing() {
        add(token, sku, 1, "a").header("ETag", equalTo("\"1\""));
        given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("quantity", 2)).when().patch("/api/tv/cart/items/" + sku)
                .then().statusCode(200).header("ETag", equalTo("\"2\""));
        given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("quantity", 5)).when().patch("/api/tv/cart/items/" + sku)
                .then().statusCode(412).contentType("application/problem+json").header("ETag", equalTo("\"2\""));
        given().auth().oauth2(token).header("If-Match", "\"1\"").when().delete("/api/tv/cart").then().statusCode(412);
        given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("sku", sku, "quantity", 1, "eventId", "late")).when().post("/api/tv/cart/items")
                .then().statusCode(412);
        cart(token).body("lines[0].quantity", equalTo(2)).body("version", equalTo(2));
    }

    @Test
    void theCartExpiresAfterSevenDaysUnusedAndEachChangeRenewsIt() {
        add(token, sku, 1, "a");
        String key = carts.key(DeviceSessions.TENANT, deviceId).hash();
        assertThat(redis.key().ttl(key)).isBetween(7 * 86_400L - 60, 7 * 86_400L);
        redis.key().expire(key, 100);
        add(token, sku, 1, "b");
        assertThat(redis.key().ttl(key)).isBetween(7 * 86_400L - 60, 7 * 86_400L);
    }

    @Test
    void theCartBelongsToTheDeviceAcrossSessionsAndToNoOtherDevice() {
        add(token, sku, 1, "a");
        String secondSession = DeviceSessions.open(deviceId);
        cart(secondSession).body("lines[0].sku", equalTo(sku));

        cart(DeviceSessions.token()).body("lines", empty());
        DeviceSessions.registerTenant("other-brand", "other-brand-app-key-0123456789ab");
        String sameDeviceOtherTenant = given().contentType("application/json").header("X-Tenant-Key", "other-brand-app-key-0123456789ab")
                .body(Map.of("tenant", "other-brand", "deviceId", deviceId, "model", "M"))
                .when().post("/api/tv/sessions").then().statusCode(201).extract().path("sessionToken");
        cart(sameDeviceOtherTenant).body("lines", empty());
        given().when().get("/api/tv/cart").then().statusCode(401);
    }

    @Test
    void readingShowsTodaysPriceAndWhatCannotBeBought() {
        add(token, sku, 2, "a");
        Admin.product(sku, "20.00", true);
        cart(token).body("lines[0].unitPrice.amount", equalTo("20.00"))
                .body("lines[0].priceChanged", equalTo(true))
                .body("lines[0].addedUnitPrice.amount", equalTo("25.00"))
                .body("total.amount", equalTo("40.00"));
        Admin.product(sku, "20.00", false);
        cart(token).body("lines[0].availability", equalTo("INACTIVE")).body("total.amount", equalTo("0.00"));
        add(token, sku + "-X", 1, "unknown").statusCode(400);
        cart(token).body("lines[0].addedUnitPrice.amount", equalTo("25.00")).body("lines[1]", nullValue());
    }

    @Test
    void anAppliedAddFeedsTheFunnelOnceARepeatNever() {
        String overlay = "cue-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicReader topic = new TopicReader("couchcart.overlay-interactions")) {
            for (int press = 0; press < 3; press++) {
                given().auth().oauth2(token).contentType("application/json")
                        .body(Map.of("sku", sku, "quantity", 1, "overlayId", overlay, "eventId", "same-press"))
                        .when().post("/api/tv/cart/items").then().statusCode(200);
            }
            given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("sku", sku, "quantity", 1, "overlayId", overlay, "eventId", "second-press"))
                    .when().post("/api/tv/cart/items").then().statusCode(200);

            var adds = topic.await(record -> record.value().contains("\"overlayId\":\"" + overlay + "\""), 2);
            assertThat(adds).hasSize(2).allSatisfy(record -> {
                assertThat(record.key()).isEqualTo(DeviceSessions.TENANT + "/" + deviceId);
                assertThat(TopicReader.header(record, "ce_type")).isEqualTo("com.couchcart.overlay.add.v1");
                assertThat(record.value()).contains("\"deviceId\":\"" + deviceId + "\"", "\"sku\":\"" + sku + "\"",
                        "\"quantity\":1");
            });
            assertThat(adds).extracting(record -> TopicReader.header(record, "ce_id")).doesNotHaveDuplicates();
        }
    }

    @Test
    void redisDownAnswers503AndTheCartIsIntactAfter() {
        add(token, sku, 3, "before");
        try {
            LocalStackTestResource.redisReachable(false);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    add(token, sku, 1, "during").statusCode(503).contentType("application/problem+json")
                            .header("Retry-After", org.hamcrest.Matchers.notNullValue()));
            cart(token).statusCode(503);
        } finally {
            LocalStackTestResource.redisReachable(true);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                cart(token).statusCode(200).body("lines[0].quantity", equalTo(3)).body("version", equalTo(1)));
    }

    private ValidatableResponse add(String session, String product, int quantity, String eventId) {
        return given().auth().oauth2(session).contentType("application/json")
                .body(Map.of("sku", product, "quantity", quantity, "overlayId", "cue-07", "eventId", eventId))
                .when().post("/api/tv/cart/items").then();
    }

    private static ValidatableResponse cart(String session) {
        return given().auth().oauth2(session).when().get("/api/tv/cart").then();
    }

    private HttpRequest addRequest(String product, int quantity, String eventId) {
        return HttpRequest.newBuilder(URI.create(base + "api/tv/cart/items"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + product + "\",\"quantity\":" + quantity
                        + ",\"eventId\":\"" + eventId + "\"}"))
                .build();
    }

    private static List<Integer> statuses(Stream<HttpRequest> requests) {
        return Concurrently.send(requests.toList()).stream().map(HttpResponse::statusCode).toList();
    }
}
