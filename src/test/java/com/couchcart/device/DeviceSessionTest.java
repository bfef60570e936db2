package com.couchcart.device;

import com.couchcart.platform.security.Secrets;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@CouchCartTest
class DeviceSessionTest {

    @Inject
    RedisDataSource redis;

    @Test
    void opensASessionWithAStrongTokenStoredOnlyAsItsHash() {
        String deviceId = UUID.randomUUID().toString();
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);

        var created = given().contentType("application/json").header("X-Tenant-Key", DeviceSessions.APP_KEY)
                .body(Map.of("tenant", DeviceSessions.TENANT, "deviceId", deviceId, "model", "U8K",
                        "region", "CN-ZJ", "locale", "zh-CN"))
                .when().post("/api/tv/sessions")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("expiresIn", equalTo(12 * 3600))
                .extract();
        String token = created.path("sessionToken");

        assertThat(token).startsWith("ccs_");
        byte[] random = Base64.getUrlDecoder().decode(token.substring(4));
        assertThat(random.length * 8).isGreaterThanOrEqualTo(128);

        // Redis holds the hash of the token, never the token.
        assertThat(redis.key().exists("couchcart:device-session:" + Secrets.sha256(token))).isTrue();
        assertThat(redis.key().keys("*" + token.substring(4) + "*")).isEmpty();
        long ttl = redis.key().ttl("couchcart:device-session:" + Secrets.sha256(token));
        assertThat(ttl).isBetween(12 * 3600L - 60, 12 * 3600L);

        given().auth().oauth2(token).when().get("/api/tv/sessions/current")
                .then().statusCode(200)
                .body("tenant", equalTo(DeviceSessions.TENANT))
                .body("deviceId", equalTo(deviceId))
                .body("model", equalTo("U8K"))
                .body("region", equalTo("CN-ZJ"))
                .body("locale", equalTo("zh-CN"));
    }

    @Test
    void everySessionGetsItsOwnToken() {
        String deviceId = UUID.randomUUID().toString();
        List<String> tokens = List.of(DeviceSessions.open(deviceId), DeviceSessions.open(deviceId));
        assertThat(tokens.get(0)).isNotEqualTo(tokens.get(1));
        tokens.forEach(token -> given().auth().oauth2(token).when().get("/api/tv/sessions/current")
                .then().statusCode(200).body("deviceId", equalTo(deviceId)));
    }

    @Test
    void anExpiredSessionIsRefused() {
        String token = DeviceSessions.token();
        given().auth().oauth2(token).when().get("/api/tv/sessions/current").then().statusCode(200);

        redis.key().pexpire("couchcart:device-session:" + Secrets.sha256(token), 1);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/tv/sessions/current")
                        .then().statusCode(401).contentType("application/problem+json"));
    }

    @Test
    void anEndedSessionIsRefused() {
        String token = DeviceSessions.token();
        given().auth().oauth2(token).when().delete("/api/tv/sessions/current").then().statusCode(204);
        given().auth().oauth2(token).when().get("/api/tv/sessions/current").then().statusCode(401);
    }

    @Test
    void aWrongTenantKeyIsRefusedAndStoresNothing() {
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);
        long before = redis.key().keys("couchcart:device-session:*").size();

        given().contentType("application/json").header("X-Tenant-Key", "not-the-key-of-this-tenant-at-all")
                .body(session(DeviceSessions.TENANT))
                .when().post("/api/tv/sessions")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("The tenant or its app key is not recognised."));

        assertThat(redis.key().keys("couchcart:device-session:*")).hasSize((int) before);
    }

    @Test
    void anotherTenantsKeyIsRefused() {
        DeviceSessions.registerTenant("other-tv", "other-tv-app-key-0123456789abcdef");
        given().contentType("application/json").header("X-Tenant-Key", "other-tv-app-key-0123456789abcdef")
                .body(session(DeviceSessions.TENANT))
                .when().post("/api/tv/sessions")
                .then().statusCode(401);
    }

    @Test
    void anUnknownTenantGetsTheSameAnswerAsAWrongKey() {
        given().contentType("application/json").header("X-Tenant-Key", DeviceSessions.APP_KEY)
                .body(session("no-such-tenant"))
                .when().post("/api/tv/sessions")
                .then().statusCode(401)
                .body("detail", equalTo("The tenant or its app key is not recognised."));
    }

    @Test
    void aMissingTenantKeyIsRefused() {
        given().contentType("application/json").body(session(DeviceSessions.TENANT))
                .when().post("/api/tv/sessions")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("The X-Tenant-Key header is required."));
    }

    @Test
    void aHardwareIdentifierIsNotADeviceId() {
        given().contentType("application/json").header("X-Tenant-Key", DeviceSessions.APP_KEY)
                .body(Map.of("tenant", DeviceSessions.TENANT, "deviceId", "AC:DE:48:00:11:22", "model", "U8K"))
                .when().post("/api/tv/sessions")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("deviceId"));
    }

    private static Map<String, String> session(String tenant) {
        return Map.of("tenant", tenant, "deviceId", UUID.randomUUID().toString(), "model", "U8K");
    }
}
