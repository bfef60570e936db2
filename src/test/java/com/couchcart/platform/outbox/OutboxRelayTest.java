package com.couchcart.platform.outbox;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import com.couchcart.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CouchCartTest
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    @Test
    void relaysRunningAtOnceStillPublishEachEventOnce() throws Exception {
        String sku = Shopping.product("2.00", 100);
        String shopper = Tokens.shopper("relays-" + UUID.randomUUID());
        AtomicBoolean placing = new AtomicBoolean(true);
        // Four more relays, as if four more instances ran, alongside this instance's own.
        List<CompletableFuture<Void>> relays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            relays.add(CompletableFuture.runAsync(() -> {
                while (placing.get()) {
                    relay.relay().await().atMost(Duration.ofSeconds(30));
                }
            }));
        }
        List<String> orders = new ArrayList<>();
        try (TopicReader topic = new TopicReader("couchcart.orders")) {
            for (int i = 0; i < 8; i++) {
                orders.add(Shopping.order(shopper, sku, 1));
            }
            for (String order : orders) {
                topic.await(order, 1);
            }
            placing.set(false);
            CompletableFuture.allOf(relays.toArray(CompletableFuture[]::new)).get();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> {
                topic.poll();
                return orders.stream().allMatch(order -> topic.withKey(order).size() == 1);
            });
        }
        assertThat(Shopping.number("select count(*) from outbox_event where published_at is null and aggregate_id = ?",
                orders.get(0))).isZero();
    }

    @Test
    void anEventKafkaRefusesForGoodIsParkedAndHoldsBackOnlyItsOwnAggregate() throws Exception {
        String stuck = "stuck-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        try (TopicReader topic = new TopicReader("couchcart.orders");
             Connection db = Database.service(); Statement sql = db.createStatement()) {
            // Over the producer's max.request.size (1 MB): never accepted, however often it is sent.
            insert(sql, stuck, "jsonb_build_object('blob', repeat('x', 1100000))");
            insert(sql, stuck, "'{\"n\": 2}'::jsonb");
            insert(sql, other, "'{\"n\": 1}'::jsonb");
            relay.wake();
            try {
                topic.await(other, 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> Shopping.number(
                        "select count(*) from outbox_event where aggregate_id = ? and parked_at is not null", stuck) == 1);
                assertThat(Shopping.number("select count(*) from outbox_event where aggregate_id = ? "
                        + "and last_error like '%RecordTooLarge%'", stuck)).isEqualTo(1);
                // Its second event waits behind the parked one, so the aggregate's events never change order.
                assertThat(Shopping.number("select count(*) from outbox_event where aggregate_id = ? "
                        + "and published_at is null and parked_at is null", stuck)).isEqualTo(1);
                assertThat(topic.withKey(stuck)).isEmpty();
                await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/q/metrics").then().extract().asString()
                        .lines().anyMatch(line -> line.startsWith("couchcart_outbox_parked") && !line.endsWith(" 0.0")));
            } finally {
                sql.execute("delete from outbox_event where aggregate_id = '" + stuck + "'");
            }
        }
    }

    private static void insert(Statement sql, String aggregate, String payload) throws Exception {
        sql.execute("insert into outbox_event (id, aggregate_type, aggregate_id, type, topic, payload) values "
                + "(gen_random_uuid(), 'test', '" + aggregate + "', 'com.couchcart.test.v1', 'couchcart.orders', "
                + payload + ")");
    }
}
