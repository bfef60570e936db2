package com.couchcart.testing;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The shopping journey through the API: a TV fills its cart and opens a handoff, a phone claims and checks out. */
public final class Shopping {

    public static final Map<String, Object> ADDRESS = Map.of("name", "Li Wei", "phone", "+86 138 0013 8000",
            "line1", "1 Xihu Road", "city", "Hangzhou", "postalCode", "310000", "country", "CN");

    private Shopping() {
    }

    /** A product of its own for one test, with this much stock. */
    public static String product(String amount, int stock) {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        Admin.product(sku, amount, stock, true);
        return sku;
    }

    public static ValidatableResponse add(String device, String sku, int quantity) {
        return given().auth().oauth2(device).contentType("application/json")
                .body(Map.of("sku", sku, "quantity", quantity, "eventId", UUID.randomUUID().toString()))
                .when().post("/api/tv/cart/items").then().statusCode(200);
    }

    public static ValidatableResponse cart(String device) {
        return given().auth().oauth2(device).when().get("/api/tv/cart").then().statusCode(200);
    }

    public static ValidatableResponse openHandoff(String device) {
        return given().auth().oauth2(device).when().post("/api/tv/handoffs").then();
    }

    /** A handoff of the device's cart: handoffId, userCode, verificationUri… */
    public static JsonPath handoff(String device) {
        return openHandoff(device).statusCode(201).extract().jsonPath();
    }

    /** Claims a code from a client address of its own, so limits on wrong codes of other tests do not meet. */
    public static ValidatableResponse claim(String shopper, String userCode) {
        return claim(shopper, userCode, "198.51.100." + (1 + (int) (Math.random() * 250)));
    }

    public static ValidatableResponse claim(String shopper, String userCode, String clientAddress) {
        return given().auth().oauth2(shopper).contentType("application/json").header("X-Forwarded-For", clientAddress)
                .body(Map.of("userCode", userCode))
                .when().post("/api/phone/handoffs/claim").then();
    }

    public static Map<String, Object> checkoutBody(String handoffId) {
        Map<String, Object> body = new HashMap<>();
        body.put("handoffId", handoffId);
        body.put("shippingAddress", ADDRESS);
        body.put("paymentMethod", "cash_on_delivery");
        return body;
    }

    public static ValidatableResponse checkout(String shopper, String idempotencyKey, Map<String, Object> body) {
        var request = given().auth().oauth2(shopper).contentType("application/json").body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.when().post("/api/phone/checkouts").then();
    }

    /** A device session with this product in its cart, a handoff claimed by the shopper: ready to check out. */
    public static Claimed claimed(String shopper, String sku, int quantity) {
        String device = DeviceSessions.token();
        add(device, sku, quantity);
        JsonPath handoff = handoff(device);
        claim(shopper, handoff.getString("userCode")).statusCode(200);
        return new Claimed(device, handoff.getString("handoffId"));
    }

    public record Claimed(String device, String handoffId) {
    }

    /** A whole journey: an order of this product placed by the shopper; answers its id. */
    public static String order(String shopper, String sku, int quantity) {
        Claimed claimed = claimed(shopper, sku, quantity);
        return checkout(shopper, UUID.randomUUID().toString(), checkoutBody(claimed.handoffId()))
                .statusCode(201).extract().path("id");
    }

    public static int stock(String sku) throws SQLException {
        return (int) number("select stock from product where sku = ?", sku);
    }

    public static long ordersOf(String handoffId) throws SQLException {
        return number("select count(*) from orders where handoff_id = ?", handoffId);
    }

    public static long number(String sql, String parameter) throws SQLException {
        try (Connection connection = Database.service(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
