package com.couchcart.testing;

import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Catalogue and timeline authoring through the admin API, as a merchandiser does it. */
public final class Admin {

    private Admin() {
    }

    public static void product(String sku, String amount, boolean active) {
        product(sku, amount, 100, active);
    }

    public static void product(String sku, String amount, int stock, boolean active) {
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("title", "Product " + sku, "price", Map.of("amount", amount, "currency", "CNY"),
                        "stock", stock, "imageUrl", "https://img.example/" + sku + ".jpg", "active", active))
                .when().put("/api/admin/products/" + sku)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static void vod(String id, long durationMs) {
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("title", "Content " + id, "kind", "VOD", "durationMs", durationMs))
                .when().put("/api/admin/contents/" + id)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static void live(String id) {
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("title", "Channel " + id, "kind", "LIVE"))
                .when().put("/api/admin/contents/" + id)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    public static ValidatableResponse timeline(String contentId, List<Map<String, Object>> cues) {
        return given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("cues", cues))
                .when().put("/api/admin/contents/" + contentId + "/timeline")
                .then();
    }

    /** A cue of the timeline shape, at the bottom right, for everyone. */
    public static Map<String, Object> cue(String id, Long startMs, Long endMs, String sku, int priority) {
        var cue = new java.util.HashMap<String, Object>(Map.of("id", id, "sku", sku, "priority", priority,
                "placement", Map.of("anchor", "bottom-right", "x", 85, "y", 80), "cta", "Press OK to add",
                "campaignId", "campaign-" + id));
        if (startMs != null) {
            cue.put("startMs", startMs);
            cue.put("endMs", endMs);
        }
        return cue;
    }
}
