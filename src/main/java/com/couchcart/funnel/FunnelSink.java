package com.couchcart.funnel;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Keeps what the stream processor computed where every instance can report it: hourly rows and holdout exposures,
 * upserted by key in PostgreSQL (absolute values, so a record read twice changes nothing). A batch is acknowledged
 * once it is stored; while PostgreSQL is away the consumer retries it.
 */
@ApplicationScoped
class FunnelSink {

    private static final Logger LOG = Logger.getLogger(FunnelSink.class);

    private final FunnelStore store;

    FunnelSink(FunnelStore store) {
        this.store = store;
    }

    @Incoming("funnel-hourly")
    Uni<Void> hourly(ConsumerRecords<String, byte[]> records) {
        return untilStored(store.saveHourly(rows(records, FunnelTopology.HOURLY, (key, value) -> new FunnelStore.HourlyRow(
                Instant.parse(key[0]), key[1], key[2], key[3], key[4], HourlyCounts.fromBytes(value)))));
    }

    @Incoming("funnel-daily")
    Uni<Void> daily(ConsumerRecords<String, byte[]> records) {
        return untilStored(store.saveDaily(rows(records, FunnelTopology.DAILY, (key, value) -> new FunnelStore.DailyReach(
                Instant.parse(key[0]), key[1], key[2], key[3], key[4], Sketch.fromBytes(value)))));
    }

    /** The records of a topic keyed {@code time|tenant|campaign|content|overlay}; others are skipped with a warning. */
    private static <T> List<T> rows(ConsumerRecords<String, byte[]> records, String topic, BiFunction<String[], byte[], T> read) {
        List<T> rows = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            String[] key = record.key() == null ? new String[0] : record.key().split("\\|", -1);
            if (key.length != 5 || record.value() == null) {
                LOG.warnf("Skipped a record of %s with key %s", topic, record.key());
                continue;
            }
            rows.add(read.apply(key, record.value()));
        }
        return rows;
    }

    @Incoming("funnel-holdouts")
    Uni<Void> holdouts(ConsumerRecords<String, String> records) {
        List<FunnelEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                JsonObject json = new JsonObject(record.value());
                events.add(FunnelEvent.fromData(FunnelEventType.HOLDOUT, json));
            } catch (RuntimeException unreadable) {
                LOG.warnf("Skipped an unreadable record of %s: %s", FunnelTopology.HOLDOUTS, unreadable.toString());
            }
        }
        return untilStored(store.saveHoldouts(events));
    }

    /**
     * PostgreSQL away: the batch waits (and with it its partition) until it is stored. A batch PostgreSQL refuses for
     * its content (a data or integrity error) would never be stored: it is logged and passed, not retried for ever.
     */
    static Uni<Void> untilStored(Uni<Void> write) {
        return write.onFailure(failure -> !refusedForGood(failure))
                .invoke(failure -> LOG.warnf("Funnel results not stored yet, trying again: %s", failure.toString()))
                .onFailure(failure -> !refusedForGood(failure))
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("Funnel results refused by PostgreSQL and skipped: %s", failure.toString());
                    return null;
                });
    }

    /** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): the content, not the moment. */
    static boolean refusedForGood(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null
                && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"));
    }
}
