package com.couchcart.funnel;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.LocalStackTestResource;
import com.couchcart.testing.TopicReader;
import com.couchcart.testing.Tokens;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Impressions, clicks and holdouts are captured in one step and reach Kafka as CloudEvents; a bad batch is refused whole. */
@CouchCartTest
class InteractionTest {

    private TopicReader topic;

    @BeforeEach
    void listen() {
        topic = new TopicReader("couchcart.overlay-interactions");
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void aBatchReachesKafkaAsCloudEventsKeyedByDevice() {
        String device = UUID.randomUUID().toString();
        String token = DeviceSessions.open(device);
        String overlay = "cue-" + UUID.randomUUID().toString().substring(0, 8);

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("events", List.of(
                        Map.of("type", "impression", "overlayId", overlay, "at", 1000, "contentId", "show-1"),
                        Map.of("type", "click", "overlayId", overlay, "at", 1500),
                        Map.of("type", "holdout", "overlayId", overlay, "at", 1600))))
                .when().post("/api/tv/interactions")
                .then().statusCode(202).body("accepted", equalTo(3));

        List<ConsumerRecord<String, String>> mine = topic.await(ofOverlay(overlay), 3);
        assertThat(mine).extracting(ConsumerRecord::key).containsOnly(DeviceSessions.TENANT + "/" + device);
        assertThat(mine).extracting(record -> TopicReader.header(record, "ce_type")).containsExactlyInAnyOrder(
                "com.couchcart.overlay.impression.v1", "com.couchcart.overlay.click.v1", "com.couchcart.overlay.holdout.v1");
        assertThat(mine).extracting(record -> TopicReader.header(record, "ce_id")).doesNotHaveDuplicates();
        assertThat(mine).allSatisfy(record -> {
            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/couchcart/tv");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(overlay);
            JsonObject data = new JsonObject(record.value());
            assertThat(data.getString("tenant")).isEqualTo(DeviceSessions.TENANT);
            assertThat(data.getString("deviceId")).isEqualTo(device);
            assertThat(data.getString("occurredAt")).isNotBlank();
            assertThat(data.fieldNames()).contains("contentId", "campaignId", "at").doesNotContain("sku");
        });
        assertThat(mine).anySatisfy(record -> {
            assertThat(new JsonObject(record.value()).getString("contentId")).isEqualTo("show-1");
            assertThat(new JsonObject(record.value()).getLong("at")).isEqualTo(1000L);
        });
    }

    @Test
    void aBadBatchIsRefusedWholeAndNothingOfItIsCaptured() {
        String token = DeviceSessions.token();
        String refused = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        String accepted = "accepted-" + UUID.randomUUID().toString().substring(0, 8);

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("events", List.of(
                        Map.of("type", "impression", "overlayId", refused, "at", 1000),
                        Map.of("type", "purchase", "overlayId", refused, "at", -1))))
                .when().post("/api/tv/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("events[1].type", "events[1].at"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            tooMany.add(Map.of("type", "impression", "overlayId", refused, "at", i));
        }
        given().auth().oauth2(token).contentType("application/json").body(Map.of("events", tooMany))
                .when().post("/api/tv/interactions").then().statusCode(400);
        given().contentType("application/json")
                .body(Map.of("events", List.of(Map.of("type", "click", "overlayId", refused, "at", 1))))
                .when().post("/api/tv/interactions").then().statusCode(401);

        // The same session's stream, relayed in order: had anything refused been captured, it would come first.
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("events", List.of(Map.of("type", "click", "overlayId", accepted, "at", 1))))
                .when().post("/api/tv/interactions").then().statusCode(202);
        topic.await(ofOverlay(accepted), 1);
        assertThat(topic.received()).noneMatch(ofOverlay(refused)::test);
    }

    @Test
    void whileKafkaIsAwayReportsAreTakenAndTheyArriveAfterwardsEachWithOneId() {
        org.junit.jupiter.api.Assumptions.assumeTrue(LocalStackTestResource.kafkaCuttable(),
                "Kafka named by COUCHCART_TEST_KAFKA_BOOTSTRAP cannot be taken away by the tests");
        String token = DeviceSessions.token();
        String overlay = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        LocalStackTestResource.kafkaReachable(false);
        try {
            for (int batch = 0; batch < 5; batch++) {
                given().auth().oauth2(token).contentType("application/json")
                        .body(Map.of("events", List.of(Map.of("type", "impression", "overlayId", overlay, "at", batch),
                                Map.of("type", "click", "overlayId", overlay, "at", batch))))
                        .when().post("/api/tv/interactions").then().statusCode(202);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
                return ready.getString("checks.find { it.name == 'Funnel relay' }.data.relaying").startsWith("failing");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("couchcart_funnel_backlog") >= 10);
        } finally {
            LocalStackTestResource.kafkaReachable(true);
        }
        List<ConsumerRecord<String, String>> arrived = topic.await(ofOverlay(overlay), 10, Duration.ofSeconds(60));
        // A send that failed is sent again with its id: every copy of one event carries the same id, and counts once.
        assertThat(arrived.stream().map(record -> TopicReader.header(record, "ce_id")).distinct()).hasSize(10);
        var report = FunnelReportTest.awaitReport(Tokens.merchandiser(), Map.of("overlayId", overlay, "groupBy", "overlay"),
                answer -> answer.getLong("totals.impressions") == 5 && answer.getLong("totals.clicks") == 5);
        assertThat(report.getList("rows")).hasSize(1);
    }

    @Test
    void redisAwayAnswers503WithRetryAfter() {
        String token = DeviceSessions.token();
        LocalStackTestResource.redisReachable(false);
        try {
            // The session was looked up moments ago and is remembered briefly: the capture itself meets the outage.
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("events", List.of(Map.of("type", "click", "overlayId", "cue-x", "at", 1))))
                    .when().post("/api/tv/interactions")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue()));
        } finally {
            LocalStackTestResource.redisReachable(true);
        }
    }

    static java.util.function.Predicate<ConsumerRecord<String, String>> ofOverlay(String overlay) {
        return record -> record.value().contains("\"overlayId\":\"" + overlay + "\"");
    }

    static double metric(String name) {
        return given().get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .collect(java.util.stream.Collectors.summingDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }
}
