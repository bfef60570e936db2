package com.couchcart.overlay;

import com.couchcart.testing.Admin;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.EventStream;
import com.couchcart.testing.LocalStackTestResource;
import com.couchcart.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@CouchCartTest
class LiveCueTest {

    @TestHTTPResource("/")
    URL base;

    private String channel;
    private String sku;

    @BeforeEach
    void prepareAChannel() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        channel = "live-" + suffix;
        sku = "SKU-L-" + suffix;
        DeviceSessions.registerTenant(DeviceSessions.TENANT, DeviceSessions.APP_KEY);
        Admin.product(sku, "19.90", true);
        Admin.live(channel);
        Admin.timeline(channel, List.of(Admin.cue("flash", null, null, sku, 3))).statusCode(200);
    }

    @Test
    void twoSubscribersReceiveAFiredCueAndALateOneGetsItWhileItRuns() throws Exception {
        try (EventStream first = stream(); EventStream second = stream()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !first.lines().isEmpty() && !second.lines().isEmpty());
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.contentType()).startsWith("text/event-stream");
            // A comment line opens the stream at once and keeps idle connections alive through proxies.
            assertThat(first.lines()).contains(":heartbeat");

            fire(Map.of("cueId", "flash", "durationMs", 30_000)).statusCode(202)
                    .body("id", equalTo("flash")).body("durationMs", equalTo(30_000));

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(first.data("cue")).singleElement().asString().contains("\"id\":\"flash\"", "\"firedAt\"",
                        "\"durationMs\":30000", "\"price\":{\"amount\":\"19.90\",\"currency\":\"CNY\"}");
                assertThat(second.data("cue")).singleElement().asString().contains("\"id\":\"flash\"");
            });

            try (EventStream late = stream()) {
                await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(late.data("cue")).singleElement().asString()
                                .contains("\"id\":\"flash\"").containsPattern("\"remainingMs\":(2\\d{4}|30000)"));
            }
        }
    }

    @Test
    void tuningInReadsTheRunningCuesFromMemoryNotFromRedisEachTime() throws Exception {
        try (EventStream first = stream()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !first.lines().isEmpty());
            fire(Map.of("cueId", "flash", "durationMs", 30_000)).statusCode(202);
            await().atMost(Duration.ofSeconds(2)).until(() -> first.data("cue").size() == 1);
        }
        // Thousands of TVs tune in when a show starts: none of them costs a Redis read, so they get the running
        // cue even while Redis is out of reach.
        LocalStackTestResource.redisReachable(false);
        try (EventStream late = stream()) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(late.data("cue")).singleElement().asString().contains("\"id\":\"flash\""));
        } finally {
            LocalStackTestResource.redisReachable(true);
        }
    }

    @Test
    void anInlineCueIsFiredAndATargetedOneOnlyReachesItsTenant() throws Exception {
        try (EventStream stream = stream()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !stream.lines().isEmpty());
            fire(Map.of("id", "elsewhere", "sku", sku, "durationMs", 5000,
                    "placement", Map.of("anchor", "center", "x", 50, "y", 50),
                    "targeting", Map.of("tenants", List.of("some-other-brand")))).statusCode(202);
            fire(Map.of("id", "inline", "sku", sku, "durationMs", 5000,
                    "placement", Map.of("anchor", "center", "x", 50, "y", 50))).statusCode(202);

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(stream.data("cue")).singleElement().asString().contains("\"id\":\"inline\""));
        }
    }

    @Test
    void badFiringsAreRefused() {
        fire(Map.of("cueId", "no-such-cue", "durationMs", 5000)).statusCode(404);
        fire(Map.of("cueId", "flash")).statusCode(400);
        fire(Map.of("durationMs", 5000)).statusCode(400);
        given().auth().oauth2(Tokens.merchandiser()).contentType("application/json")
                .body(Map.of("cueId", "flash", "durationMs", 5000))
                .when().post("/api/admin/channels/" + channel + "/cues").then().statusCode(403);
        given().when().get("/api/tv/" + DeviceSessions.TENANT + "/channels/no-such-channel/cues")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private io.restassured.response.ValidatableResponse fire(Map<String, Object> body) {
        return given().auth().oauth2(Tokens.operator()).contentType("application/json").body(body)
                .when().post("/api/admin/channels/" + channel + "/cues").then();
    }

    private EventStream stream() {
        return EventStream.open(URI.create(base + "api/tv/" + DeviceSessions.TENANT + "/channels/" + channel + "/cues"));
    }
}
