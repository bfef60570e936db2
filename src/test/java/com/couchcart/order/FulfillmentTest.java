package com.couchcart.order;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import com.couchcart.testing.TopicReader;
import com.couchcart.testing.TopicWriter;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Fulfillment reports status on couchcart.fulfillment; orders move along only as they may, once per event. */
@CouchCartTest
class FulfillmentTest {

    private static final String TOPIC = "couchcart.fulfillment";

    private TopicWriter fulfillment;
    private String shopper;

    @BeforeEach
    void open() {
        fulfillment = new TopicWriter();
        shopper = Tokens.shopper("fulfilled-" + UUID.randomUUID());
    }

    @AfterEach
    void close() {
        fulfillment.close();
    }

    @Test
    void shippedThenDeliveredAsBothCloudEventModesAndAnnouncedInOrder() {
        String orderId = Shopping.order(shopper, Shopping.product("20.00", 10), 1);
        try (TopicReader orders = new TopicReader("couchcart.orders")) {
            binary(UUID.randomUUID().toString(), orderId, "SHIPPED", "SF Express", "SF1234567890");
            await().atMost(Duration.ofSeconds(10)).until(() -> status(orderId).equals("SHIPPED"));
            order(orderId).body("shipment.carrier", equalTo("SF Express")).body("shipment.trackingId", equalTo("SF1234567890"));

            structured(UUID.randomUUID().toString(), orderId, "DELIVERED");
            await().atMost(Duration.ofSeconds(10)).until(() -> status(orderId).equals("DELIVERED"));
            // The carrier stays when a later event does not name it.
            order(orderId).body("shipment.carrier", equalTo("SF Express"));

            List<ConsumerRecord<String, String>> events = orders.await(orderId, 3);
            assertThat(events).extracting(record -> TopicReader.header(record, "ce_type")).containsExactly(
                    "com.couchcart.order.placed.v1", "com.couchcart.order.status-changed.v1",
                    "com.couchcart.order.status-changed.v1");
            JsonPath last = JsonPath.from(events.get(2).value());
            assertThat(last.getString("status")).isEqualTo("DELIVERED");
            assertThat(last.getString("previousStatus")).isEqualTo("SHIPPED");
            assertThat(last.getString("carrier")).isEqualTo("SF Express");
        }
    }

    @Test
    void illegalMovesAndRedeliveriesChangeNothingAndACancellationGivesStockBackOnce() throws Exception {
        String sku = Shopping.product("30.00", 10);
        String delivered = Shopping.order(shopper, sku, 1);
        String cancelled = Shopping.order(shopper, sku, 3);
        assertThat(Shopping.stock(sku)).isEqualTo(6);

        binary(UUID.randomUUID().toString(), delivered, "DELIVERED", null, null); // placed -> delivered: not a move
        String cancellation = UUID.randomUUID().toString();
        binary(cancellation, cancelled, "CANCELLED", null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(cancelled).equals("CANCELLED"));
        assertThat(Shopping.stock(sku)).isEqualTo(9);

        binary(cancellation, cancelled, "CANCELLED", null, null);                  // redelivered
        binary(UUID.randomUUID().toString(), cancelled, "CANCELLED", null, null);  // cancelled twice
        binary(UUID.randomUUID().toString(), cancelled, "SHIPPED", "SF", "SF1");   // shipped after cancelling
        // One partition, read in order: once this last event shows, every one before it was handled.
        String marker = Shopping.order(shopper, Shopping.product("1.00", 5), 1);
        binary(UUID.randomUUID().toString(), marker, "SHIPPED", "SF", "SF2");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(marker).equals("SHIPPED"));

        assertThat(status(delivered)).isEqualTo("PLACED");
        assertThat(status(cancelled)).isEqualTo("CANCELLED");
        assertThat(Shopping.stock(sku)).isEqualTo(9);
        assertThat(Shopping.number("select count(*) from processed_event where event_id = ?", cancellation)).isEqualTo(1);
        given().auth().oauth2(Shopping.claimed(shopper, sku, 1).device()).get("/api/tv/orders/" + cancelled)
                .then().statusCode(404);
    }

    @Test
    void unreadableEventsGoToTheDeadLetterTopicWithTheReasonAndTheConsumerGoesOn() {
        String orderId = Shopping.order(shopper, Shopping.product("5.00", 10), 1);
        try (TopicReader dlq = new TopicReader("couchcart.fulfillment.dlq")) {
            String key = "poison-" + UUID.randomUUID();
            fulfillment.send(TOPIC, key, "this is not JSON", Map.of());
            fulfillment.send(TOPIC, key, "{\"orderId\":\"" + orderId + "\",\"status\":\"SHIPPED\"}", Map.of()); // no CloudEvent
            fulfillment.send(TOPIC, key, data(orderId, "LOST"), ceHeaders(UUID.randomUUID().toString()));
            fulfillment.send(TOPIC, key, data(UUID.randomUUID().toString(), "SHIPPED"), ceHeaders(UUID.randomUUID().toString()));

            List<ConsumerRecord<String, String>> dead = dlq.await(key, 4);
            assertThat(dead).extracting(record -> TopicReader.header(record, "dead-letter-reason")).satisfiesExactly(
                    reason -> assertThat(reason).contains("not JSON"),
                    reason -> assertThat(reason).contains("not a CloudEvent"),
                    reason -> assertThat(reason).contains("status must be"),
                    reason -> assertThat(reason).contains("no order"));
            assertThat(dead.get(0).value()).isEqualTo("this is not JSON");

            binary(UUID.randomUUID().toString(), orderId, "SHIPPED", "SF", "SF9");
            await().atMost(Duration.ofSeconds(10)).until(() -> status(orderId).equals("SHIPPED"));
        }
    }

    private void binary(String eventId, String orderId, String status, String carrier, String trackingId) {
        StringBuilder data = new StringBuilder("{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"");
        if (carrier != null) {
            data.append(",\"carrier\":\"").append(carrier).append("\",\"trackingId\":\"").append(trackingId).append('"');
        }
        fulfillment.send(TOPIC, orderId, data.append('}').toString(), ceHeaders(eventId));
    }

    private void structured(String eventId, String orderId, String status) {
        fulfillment.send(TOPIC, orderId, """
                {"specversion":"1.0","id":"%s","source":"/fulfillment/test","type":"com.couchcart.fulfillment.status.v1",
                 "datacontenttype":"application/json","data":%s}""".formatted(eventId, data(orderId, status)),
                Map.of("content-type", "application/cloudevents+json; charset=UTF-8"));
    }

    private static String data(String orderId, String status) {
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\"}";
    }

    private static Map<String, String> ceHeaders(String eventId) {
        return Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_source", "/fulfillment/test",
                "ce_type", "com.couchcart.fulfillment.status.v1", "content-type", "application/json");
    }

    private ValidatableResponse order(String orderId) {
        return given().auth().oauth2(shopper).get("/api/phone/orders/" + orderId).then().statusCode(200);
    }

    private String status(String orderId) {
        return order(orderId).extract().path("status");
    }
}
