package com.couchcart.overlay;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Impressions and clicks land on Kafka as CloudEvents; a bad batch is refused whole. */
@CouchCartTest
class InteractionTest {

    private KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    @BeforeEach
    void listen() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "interaction-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("couchcart.overlay-interactions"));
    }

    @AfterEach
    void close() {
        consumer.close();
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

        List<ConsumerRecord<String, String>> mine = awaitRecords(overlay, 2);
        assertThat(mine).extracting(ConsumerRecord::key).containsOnly(overlay);
        assertThat(mine).extracting(record -> header(record, "ce_type"))
                .containsExactlyInAnyOrder("com.couchcart.overlay.impression.v1", "com.couchcart.overlay.click.v1");
        assertThat(mine).allSatisfy(record -> {
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isNotBlank();
            assertThat(header(record, "ce_source")).isEqualTo("/couchcart/tv");
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
        awaitRecords(accepted, 1);
        assertThat(received).noneMatch(record -> refused.equals(record.key()));
    }

    private List<ConsumerRecord<String, String>> awaitRecords(String key, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(record -> key.equals(record.key())).count() >= count;
        });
        return received.stream().filter(record -> key.equals(record.key())).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
