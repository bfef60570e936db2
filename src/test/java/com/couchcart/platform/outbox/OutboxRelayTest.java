package com.couchcart.platform.outbox;

import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Shopping;
import com.couchcart.testing.Tokens;
import com.couchcart.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

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
}
