package com.couchcart.testing;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Opens device sessions through the API, as a TV app does, for a test tenant registered on first use. */
public final class DeviceSessions {

    public static final String TENANT = "test-tv";
    public static final String APP_KEY = "test-tv-app-key-0123456789abcdef";

    private DeviceSessions() {
    }

    /** A fresh session of a new device of the test tenant. */
    public static String token() {
        return open(UUID.randomUUID().toString());
    }

    /** A fresh session of the given device of the test tenant. */
    public static String open(String deviceId) {
        registerTenant(TENANT, APP_KEY);
        return given().contentType("application/json").header("X-Tenant-Key", APP_KEY)
                .body(Map.of("tenant", TENANT, "deviceId", deviceId, "model", "Test TV", "region", "CN-ZJ",
                        "locale", "zh-CN"))
                .when().post("/api/tv/sessions")
                .then().statusCode(201)
                .extract().path("sessionToken");
    }

    /** Creates or updates a tenant through the admin API. */
    public static void registerTenant(String id, String appKey) {
        given().auth().oauth2(Tokens.operator()).contentType("application/json")
                .body(Map.of("name", id, "appKey", appKey))
                .when().put("/api/admin/tenants/" + id)
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }
}
