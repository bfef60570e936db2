package com.couchcart.order;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import com.couchcart.testing.LocalStackTestResource;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import com.couchcart.testing.TopicReader;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Order events leave through the outbox: once each, in order per order, whatever happens to Kafka. */
@CouchCartTest
class OrderEventsTest {

    @Inject
    FulfillmentService fulfillment;

    @Test
    void aPlacedOrderIsAnnouncedOnceAsACloudEvent() throws Exception {
        try (TopicReader topic = new TopicReader("couchcart.orders")) {
            String sku = Shopping.product("66.00", 10);
            String orderId = Shopping.order(Tokens.shopper("announced-" + UUID.randomUUID()), sku, 2);

            ConsumerRecord<String, String> record = topic.await(orderId, 1).get(0);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> topic.poll().stream().filter(r -> orderId.equals(r.key())).count() == 1);

            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo("com.couchcart.order.placed.v1");
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/couchcart");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(orderId);
            assertThat(OffsetDateTime.parse(TopicReader.header(record, "ce_time"))).isBefore(OffsetDateTime.now().plusSeconds(1));
            assertThat(TopicReader.header(record, "content-type")).startsWith("application/json");
            assertThat(outboxId(orderId)).isEqualTo(TopicReader.header(record, "ce_id"));
            JsonPath event = JsonPath.from(record.value());
            assertThat(event.getString("orderId")).isEqualTo(orderId);
            assertThat(event.getString("number")).matches("CC-\\d{8}");
            assertThat(event.getString("status")).isEqualTo("PLACED");
            assertThat(event.getString("tenant")).isEqualTo("test-tv");
            assertThat(event.getString("lines[0].sku")).isEqualTo(sku);
            assertThat(event.getInt("lines[0].quantity")).isEqualTo(2);
            assertThat(event.getString("lines[0].unitPrice.amount")).isEqualTo("66.00");
            assertThat(event.getString("total.amount")).isEqualTo("132.00");
            assertThat(event.getString("shippingAddress.city")).isEqualTo("Hangzhou");
            assertThat(event.getString("paymentMethod")).isEqualTo("cash_on_delivery");
            assertThat(event.getString("createdAt")).isNotBlank();
        }
    }

    @Test
    void ordersPlacedWhileKafkaIsDownGoOutWhenItReturnsOnceEachAndInOrder() throws Exception {
        Assumptions.assumeTrue(LocalStackTestResource.kafkaCuttable(),
                "Kafka named by COUCHCART_TEST_KAFKA_BOOTSTRAP cannot be taken away by the tests");
        try (TopicReader topic = new TopicReader("couchcart.orders")) {
            String sku = Shopping.product("9.00", 50);
            String shopper = Tokens.shopper("outage-" + UUID.randomUUID());
            List<String> orders;
            LocalStackTestResource.kafkaReachable(false);
            try {
                orders = List.of(Shopping.order(shopper, sku, 1), Shopping.order(shopper, sku, 2),
                        Shopping.order(shopper, sku, 3));
                // The first order moves on while Kafka is still away: two events that must leave in order.
                fulfillment.apply(new FulfillmentUpdate("outage-" + UUID.randomUUID(), UUID.fromString(orders.get(0)),
                        OrderStatus.SHIPPED, "SF Express", "SF123")).await().indefinitely();
                await().atMost(Duration.ofSeconds(10)).until(() -> pending() >= 4);
                // Still ready: orders are taken, and the readiness detail tells how far events are behind (a send
                // fails after the producer's delivery timeout, 10 s).
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
                    return ready.getInt("checks.find { it.name == 'Outbox relay' }.data.pendingEvents") >= 4
                            && ready.getString("checks.find { it.name == 'Outbox relay' }.data.publishing").startsWith("failing");
                });
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        given().get("/q/metrics").then().extract().asString().lines()
                                .anyMatch(line -> line.startsWith("couchcart_outbox_lag_seconds")
                                        && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0));
            } finally {
                LocalStackTestResource.kafkaReachable(true);
            }

            List<ConsumerRecord<String, String>> first = topic.await(orders.get(0), 2, Duration.ofSeconds(45));
            assertThat(first).extracting(record -> TopicReader.header(record, "ce_type"))
                    .containsExactly("com.couchcart.order.placed.v1", "com.couchcart.order.status-changed.v1");
            for (String order : orders.subList(1, 3)) {
                topic.await(order, 1, Duration.ofSeconds(45));
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
                topic.poll();
                return topic.withKey(orders.get(0)).size() == 2 && topic.withKey(orders.get(1)).size() == 1
                        && topic.withKey(orders.get(2)).size() == 1;
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
        }
    }

    @Test
    void anEventPublishedButNotMarkedIsSentAgainWithTheSameId() throws Exception {
        String sku = Shopping.product("13.00", 10);
        try (TopicReader topic = new TopicReader("couchcart.orders");
             Connection db = Database.service(); Statement sql = db.createStatement()) {
            // Kafka takes the event, then the relay cannot mark it: as if it crashed between the two.
            sql.execute("""
                    create or replace function fail_marking() returns trigger language plpgsql as
                    $$ begin raise exception 'marking failed (test)'; end $$""");
            sql.execute("create trigger fail_marking before update on outbox_event for each row "
                    + "when (old.payload->'lines'->0->>'sku' = '" + sku + "') execute function fail_marking()");
            String orderId;
            try {
                orderId = Shopping.order(Tokens.shopper("resent-" + UUID.randomUUID()), sku, 1);
                topic.await(orderId, 2, Duration.ofSeconds(20));
            } finally {
                sql.execute("drop trigger fail_marking on outbox_event");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Shopping.number(
                    "select count(*) from outbox_event where aggregate_id = ? and published_at is null", orderId) == 0);

            List<ConsumerRecord<String, String>> copies = topic.withKey(orderId);
            assertThat(copies).extracting(record -> TopicReader.header(record, "ce_id")).containsOnly(outboxId(orderId));
            assertThat(copies).extracting(ConsumerRecord::value).containsOnly(copies.get(0).value());
        }
    }

    private static String outboxId(String orderId) throws Exception {
        try (Connection db = Database.service(); var statement = db.prepareStatement(
                "select id from outbox_event where aggregate_id = ? and type = 'com.couchcart.order.placed.v1'")) {
            statement.setString(1, orderId);
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static long pending() throws Exception {
        return Shopping.number("select count(*) from outbox_event where published_at is null and type <> ?", "-");
    }
}
