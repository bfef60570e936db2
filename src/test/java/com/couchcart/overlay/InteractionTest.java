package com.couchcart.overlay;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Impressions and clicks land on Kafka as CloudEvents; a bad batch is refused whole. */
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
    void aBatchIsPublishedAsCloudEventsKeyedByOverlay() {
        String token = DeviceSessions.token();
        String overlay = "cue-" + UUID.randomUUID().toString().substring(0, 8);

        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("events", List.of(
                        Map.of("type", "impression", "overlayId", overlay, "at", 1000),
                        Map.of("type", "click", "overlayId", overlay, "at", 1500))))
                .when().post("/api/tv/interactions")
                .then().statusCode(202).body("accepted", equalTo(2));

        List<ConsumerRecord<String, String>> mine = topic.await(overlay, 2);
        assertThat(mine).extracting(ConsumerRecord::key).containsOnly(overlay);
        assertThat(mine).extracting(record -> TopicReader.header(record, "ce_type"))
                .containsExactlyInAnyOrder("com.couchcart.overlay.impression.v1", "com.couchcart.overlay.click.v1");
        assertThat(mine).allSatisfy(record -> {
            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/couchcart/tv");
            assertThat(record.value()).contains("\"tenant\":\"" + DeviceSessions.TENANT + "\"", "\"overlayId\":\"" + overlay + "\"");
        });
    }

    @Test
    void aBadBatchIsRefusedWholeAndNothingOfItIsPublished() {
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

        // One partition: had anything of the refused batches been sent, it would arrive before this.
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("events", List.of(Map.of("type", "click", "overlayId", accepted, "at", 1))))
                .when().post("/api/tv/interactions").then().statusCode(202);
        topic.await(accepted, 1);
        assertThat(topic.received()).noneMatch(record -> refused.equals(record.key()));
    }
}
