package com.couchcart.order;

import com.couchcart.testing.Admin;
import com.couchcart.testing.Concurrently;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Shopping.Claimed;
import com.couchcart.testing.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

@CouchCartTest
class CheckoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void theSameKeyAndBodyReplayTheFirstAnswer() throws Exception {
        String shopper = Tokens.shopper("replay-" + UUID.randomUUID());
        String sku = Shopping.product("30.00", 10);
        Claimed claimed = Shopping.claimed(shopper, sku, 2);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Shopping.checkoutBody(claimed.handoffId());

        String first = Shopping.checkout(shopper, key, body).statusCode(201)
                .header("Idempotent-Replayed", equalTo(null)).extract().asString();
        String again = Shopping.checkout(shopper, key, body).statusCode(201)
                .header("Idempotent-Replayed", equalTo("true"))
                .header("Location", containsString("/api/phone/orders/" + JsonPath.from(first).getString("id")))
                .extract().asString();
        assertThat(again).isEqualTo(first);
        assertThat(Shopping.ordersOf(claimed.handoffId())).isEqualTo(1);
        assertThat(Shopping.stock(sku)).isEqualTo(8);

        // The same key with another body is refused; another shopper's identical key is theirs alone.
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("shippingAddress", Map.of("name", "Someone Else", "phone", "+86 139 0000 0000", "line1", "2 Road",
                "city", "Beijing", "postalCode", "100000", "country", "CN"));
        Shopping.checkout(shopper, key, changed).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://couchcart.dev/problems/idempotency-key-reused"));
        Shopping.checkout(Tokens.shopper("other-" + UUID.randomUUID()), key, body).statusCode(404);
        assertThat(Shopping.ordersOf(claimed.handoffId())).isEqualTo(1);
    }

    @Test
    void twentyConcurrentCheckoutsOfOneHandoffPlaceOneOrder() throws Exception {
        String shopperName = "rush-" + UUID.randomUUID();
        String shopper = Tokens.shopper(shopperName);
        String sku = Shopping.product("15.00", 10);
        Claimed claimed = Shopping.claimed(shopper, sku, 3);
        String body = JSON.writeValueAsString(Shopping.checkoutBody(claimed.handoffId()));
        String sharedKey = UUID.randomUUID().toString();
        // Half retry one key (a double tap), half come with keys of their own (two tabs).
        List<HttpRequest> requests = IntStream.range(0, 20).mapToObj(i -> HttpRequest
                        .newBuilder(URI.create(base + "api/phone/checkouts"))
                        .header("Authorization", "Bearer " + shopper)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", i % 2 == 0 ? sharedKey : UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build())
                .toList();

        List<HttpResponse<String>> responses = Concurrently.send(requests);

        assertThat(responses).extracting(HttpResponse::statusCode).allMatch(status -> status == 201 || status == 409);
        Set<String> orders = responses.stream().filter(response -> response.statusCode() == 201)
                .map(response -> JsonPath.from(response.body()).getString("id")).collect(Collectors.toSet());
        assertThat(orders).hasSize(1);
        assertThat(Shopping.ordersOf(claimed.handoffId())).isEqualTo(1);
        assertThat(Shopping.stock(sku)).isEqualTo(7);
    }

    @Test
    void twoShoppersBuyingTheLastUnitMakeOneOrder() throws Exception {
        String sku = Shopping.product("999.00", 1);
        String alice = Tokens.shopper("alice-" + UUID.randomUUID());
        String bob = Tokens.shopper("bob-" + UUID.randomUUID());
        Claimed hers = Shopping.claimed(alice, sku, 1);
        Claimed his = Shopping.claimed(bob, sku, 1);

        List<HttpResponse<String>> responses = Concurrently.send(List.of(
                checkoutRequest(alice, hers.handoffId()), checkoutRequest(bob, his.handoffId())));

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
        HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertThat(JsonPath.from(refused.body()).getString("type"))
                .isEqualTo("https://couchcart.dev/problems/insufficient-stock");
        assertThat(Shopping.stock(sku)).isZero();
        assertThat(Shopping.ordersOf(hers.handoffId()) + Shopping.ordersOf(his.handoffId())).isEqualTo(1);
    }

    @Test
    void notEnoughStockNamesTheLinesAndChangesNothing() throws Exception {
        String shopper = Tokens.shopper("short-" + UUID.randomUUID());
        String plenty = Shopping.product("5.00", 100);
        String scarce = Shopping.product("7.00", 5);
        String device = DeviceSessions.token();
        Shopping.add(device, plenty, 1);
        Shopping.add(device, scarce, 3);
        JsonPath handoff = Shopping.handoff(device);
        Shopping.claim(shopper, handoff.getString("userCode")).statusCode(200);
        Admin.product(scarce, "7.00", 2, true);
        long cartVersion = Shopping.cart(device).extract().jsonPath().getLong("version");

        Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(handoff.getString("handoffId")))
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://couchcart.dev/problems/insufficient-stock"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("lines[1]"))
                .body("errors[0].message", equalTo(scarce + ": 3 wanted, 2 in stock"));

        assertThat(Shopping.stock(plenty)).isEqualTo(100);
        assertThat(Shopping.stock(scarce)).isEqualTo(2);
        assertThat(Shopping.ordersOf(handoff.getString("handoffId"))).isZero();
        Shopping.cart(device).body("version", equalTo((int) cartVersion)).body("lines", hasSize(2));
    }

    @Test
    void theOrderAndItsOutboxEventCommitTogether() throws Exception {
        String shopper = Tokens.shopper("atomic-" + UUID.randomUUID());
        String sku = Shopping.product("42.00", 10);
        Claimed claimed = Shopping.claimed(shopper, sku, 1);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Shopping.checkoutBody(claimed.handoffId());
        try (Connection db = Database.service(); Statement sql = db.createStatement()) {
            // The outbox write fails, after the order and its lines are inserted in the same transaction.
            sql.execute("""
                    create or replace function fail_outbox() returns trigger language plpgsql as
                    $$ begin raise exception 'outbox unavailable (test)'; end $$""");
            sql.execute("create trigger fail_outbox before insert on outbox_event for each row execute function fail_outbox()");
            try {
                Shopping.checkout(shopper, key, body).statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", equalTo("2"));
            } finally {
                sql.execute("drop trigger fail_outbox on outbox_event");
            }
            assertThat(Shopping.ordersOf(claimed.handoffId())).isZero();
            assertThat(Shopping.number("select count(*) from order_line l join orders o on o.id = l.order_id "
                    + "where o.handoff_id = ?", claimed.handoffId())).isZero();
            assertThat(Shopping.stock(sku)).isEqualTo(10);
            Shopping.cart(claimed.device()).body("lines", hasSize(1));

            // Nothing was remembered for the key: the retry places the order, with its event.
            String orderId = Shopping.checkout(shopper, key, body).statusCode(201)
                    .header("Idempotent-Replayed", equalTo(null)).extract().path("id");
            try (ResultSet event = sql.executeQuery("select type, topic, aggregate_type, payload->>'number' as number, "
                    + "payload->'lines'->0->>'sku' as sku from outbox_event where aggregate_id = '" + orderId + "'")) {
                assertThat(event.next()).isTrue();
                assertThat(event.getString("type")).isEqualTo("com.couchcart.order.placed.v1");
                assertThat(event.getString("topic")).isEqualTo("couchcart.orders");
                assertThat(event.getString("aggregate_type")).isEqualTo("order");
                assertThat(event.getString("number")).matches("CC-\\d{8}");
                assertThat(event.getString("sku")).isEqualTo(sku);
                assertThat(event.next()).isFalse();
            }
        }
    }

    @Test
    void badCheckoutsAreRefusedAndChangeNothing() throws Exception {
        String shopper = Tokens.shopper("careless-" + UUID.randomUUID());
        String sku = Shopping.product("12.00", 10);
        Claimed claimed = Shopping.claimed(shopper, sku, 1);
        Map<String, Object> body = Shopping.checkoutBody(claimed.handoffId());

        Shopping.checkout(shopper, null, body).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        Map<String, Object> badAddress = new HashMap<>(body);
        badAddress.put("shippingAddress", Map.of("name", "", "phone", "call me", "line1", "x", "city", "Hangzhou",
                "postalCode", "310000", "country", "China"));
        Shopping.checkout(shopper, UUID.randomUUID().toString(), badAddress).statusCode(400)
                .body("errors.field", hasItems("shippingAddress.name", "shippingAddress.phone", "shippingAddress.country"));
        Map<String, Object> card = new HashMap<>(body);
        card.put("paymentMethod", "credit_card");
        Shopping.checkout(shopper, UUID.randomUUID().toString(), card).statusCode(400)
                .body("errors[0].field", equalTo("paymentMethod"))
                .body("errors[0].message", containsString("cash_on_delivery"));
        Map<String, Object> stale = new HashMap<>(body);
        stale.put("cartVersion", 999);
        Shopping.checkout(shopper, UUID.randomUUID().toString(), stale).statusCode(409)
                .body("detail", containsString("changed"));
        Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody("unknown-handoff-id"))
                .statusCode(404);
        given().auth().oauth2(shopper).contentType("application/json").header("Idempotency-Key", "k")
                .body("{\"handoffId\": 12}").post("/api/phone/checkouts").then().statusCode(400);
        given().auth().oauth2(DeviceSessions.token()).contentType("application/json").header("Idempotency-Key", "k")
                .body(body).post("/api/phone/checkouts").then().statusCode(401);

        assertThat(Shopping.ordersOf(claimed.handoffId())).isZero();
        assertThat(Shopping.stock(sku)).isEqualTo(10);
        // A checkout before the claim, or after completion, is a conflict.
        String device = DeviceSessions.token();
        Shopping.add(device, sku, 1);
        String unclaimed = Shopping.handoff(device).getString("handoffId");
        Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(unclaimed)).statusCode(409);
        Shopping.checkout(shopper, UUID.randomUUID().toString(), body).statusCode(201);
        Shopping.checkout(shopper, UUID.randomUUID().toString(), body).statusCode(409)
                .body("detail", containsString("checked out already"));
    }

    @Test
    void theShopperOrdersTheCartTheyReviewed() throws Exception {
        String shopper = Tokens.shopper("reviewer-" + UUID.randomUUID());
        String sku = Shopping.product("11.00", 10);
        String device = DeviceSessions.token();
        Shopping.add(device, sku, 1);
        JsonPath handoff = Shopping.handoff(device);
        Map<String, Object> body = Shopping.checkoutBody(handoff.getString("handoffId"));
        Shopping.claim(shopper, handoff.getString("userCode")).statusCode(200).body("cart.lines[0].quantity", equalTo(1));

        // The TV changes the cart after the shopper saw it.
        Shopping.add(device, Shopping.product("999.00", 10), 1);
        Shopping.checkout(shopper, UUID.randomUUID().toString(), body).statusCode(409)
                .body("detail", containsString("claim the code again"));
        assertThat(Shopping.stock(sku)).isEqualTo(10);

        // Claimed again, the shopper sees both lines and may order them.
        Shopping.claim(shopper, handoff.getString("userCode")).statusCode(200).body("cart.lines", hasSize(2));
        Shopping.checkout(shopper, UUID.randomUUID().toString(), body).statusCode(201).body("lines", hasSize(2));
    }

    @Test
    void ordersAreReadByTheirShopperAndTheirTvOnly() {
        String shopper = Tokens.shopper("reader-" + UUID.randomUUID());
        String sku = Shopping.product("8.00", 10);
        Claimed first = Shopping.claimed(shopper, sku, 1);
        String firstId = Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(first.handoffId()))
                .statusCode(201).extract().path("id");
        Claimed second = Shopping.claimed(shopper, sku, 2);
        String secondId = Shopping.checkout(shopper, UUID.randomUUID().toString(), Shopping.checkoutBody(second.handoffId()))
                .statusCode(201).extract().path("id");

        given().auth().oauth2(shopper).get("/api/phone/orders").then().statusCode(200)
                .body("items.id", equalTo(List.of(secondId, firstId)));
        given().auth().oauth2(shopper).get("/api/phone/orders/" + firstId).then().statusCode(200)
                .body("shippingAddress.city", equalTo("Hangzhou"))
                .body("lines[0].quantity", equalTo(1));
        given().auth().oauth2(Tokens.shopper("nosy-" + UUID.randomUUID())).get("/api/phone/orders/" + firstId)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(shopper).get("/api/phone/orders/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(first.device()).get("/api/tv/orders/" + firstId).then().statusCode(200)
                .body("id", equalTo(firstId));
        given().auth().oauth2(first.device()).get("/api/tv/orders/" + secondId).then().statusCode(404);
        given().get("/api/tv/orders/" + firstId).then().statusCode(401);
    }

    private HttpRequest checkoutRequest(String shopper, String handoffId) {
        try {
            return HttpRequest.newBuilder(URI.create(base + "api/phone/checkouts"))
                    .header("Authorization", "Bearer " + shopper)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Shopping.checkoutBody(handoffId))))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
