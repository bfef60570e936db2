package com.couchcart.funnel;

import com.couchcart.platform.RedisScript;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.DeviceSessions;
import com.couchcart.testing.TopicReader;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The relay's hand-over: entries a dead relay held are taken over by a live one and sent with their ids. */
@CouchCartTest
class FunnelRelayTest {

    private static final RedisScript CAPTURE_AND_HOLD = RedisScript.of(FunnelCapture.SCRIPT, "/funnel/capture-and-hold.lua");

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    FunnelCapture capture;

    @Test
    void entriesOfARelayThatDiedAreTakenOverAndSentOnceEach() {
        String device = UUID.randomUUID().toString();
        String overlay = "held-" + UUID.randomUUID().toString().substring(0, 8);
        FunnelCapture.Shard shard = capture.shardOf(DeviceSessions.TENANT, device);
        List<FunnelEvent> events = IntStream.range(0, 20).mapToObj(i -> new FunnelEvent(FunnelEventType.IMPRESSION,
                DeviceSessions.TENANT, device, "show-1", overlay, "campaign-1", (long) i, Instant.now(), null, null)).toList();
        String deadRelay = "dead-relay-" + UUID.randomUUID();
        List<String> arguments = new ArrayList<>(capture.arguments(events));
        arguments.add(deadRelay);

        try (TopicReader topic = new TopicReader("couchcart.overlay-interactions")) {
            CAPTURE_AND_HOLD.run(redis, capture.keys(shard), arguments).await().atMost(Duration.ofSeconds(5));
            assertThat(pendingOf(shard, deadRelay)).isGreaterThanOrEqualTo(20);
            assertThat(consumersOf(shard)).contains(deadRelay);

            // Taken over once they have waited claim-after (3 s in tests), sent, then forgotten.
            List<ConsumerRecord<String, String>> arrived = topic.await(InteractionTest.ofOverlay(overlay), 20, Duration.ofSeconds(30));
            assertThat(arrived.stream().map(record -> TopicReader.header(record, "ce_id")).distinct()).hasSize(20);
            assertThat(arrived).extracting(record -> TopicReader.header(record, "ce_id"))
                    .allMatch(id -> id.startsWith("f" + shard.number() + "-"));
            await().atMost(Duration.ofSeconds(10)).until(() -> pendingOf(shard, deadRelay) == 0);
            // Holding nothing and idle past forget-after (2 s in tests), the dead relay leaves the group.
            await().atMost(Duration.ofSeconds(20)).until(() -> !consumersOf(shard).contains(deadRelay));
            assertThat(consumersOf(shard)).isNotEmpty();
        }
    }

    private String consumersOf(FunnelCapture.Shard shard) {
        return redis.execute("XINFO", "CONSUMERS", shard.stream(), FunnelRelay.GROUP).await().atMost(Duration.ofSeconds(5))
                .toString();
    }

    private long pendingOf(FunnelCapture.Shard shard, String consumer) {
        return redis.stream(String.class).xpending(shard.stream(), FunnelRelay.GROUP).await().atMost(Duration.ofSeconds(5))
                .getConsumers().getOrDefault(consumer, 0L);
    }
}
