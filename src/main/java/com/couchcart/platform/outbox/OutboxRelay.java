package com.couchcart.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to Kafka as CloudEvents (binary mode: {@code ce_*} headers, the JSON payload as the value),
 * keyed by aggregate id, oldest first. A row is marked published in the same transaction that read it, after
 * the broker acknowledged it ({@code acks=all}, idempotent producer), so a crash in between sends it again with
 * the same CloudEvents id: consumers deduplicate by id.
 *
 * <p>Any number of instances run the relay; a transaction-scoped advisory lock lets one of them work at a time,
 * so every row is published once in steady state and one aggregate's events stay in order. The relay runs when
 * this instance commits an event, and otherwise every {@code poll-interval}; after a failure (Kafka away) it
 * backs off, and the rows wait.
 */
@ApplicationScoped
public class OutboxRelay {

    static final URI SOURCE = URI.create("/couchcart");
    /** The advisory lock that makes one relay work at a time ("outbox" as a number). */
    private static final long LOCK = 0x6f7574626f78L;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** What one round did: rows published, and whether some could not be. */
    record Round(int published, boolean failed, boolean full) {
    }

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration maxBackoff;
    private final Counter published;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long timer = -1;
    private volatile Duration backoff = Duration.ZERO;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, Vertx vertx, MeterRegistry registry,
                       @ConfigProperty(name = "couchcart.outbox.poll-interval") Duration pollInterval,
                       @ConfigProperty(name = "couchcart.outbox.batch-size") int batchSize,
                       @ConfigProperty(name = "couchcart.outbox.max-backoff") Duration maxBackoff) {
        this.pool = pool;
        this.emitter = emitter;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.maxBackoff = maxBackoff;
        this.published = Counter.builder("couchcart.outbox.published").description("Outbox events published to Kafka")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    /** Runs the relay now (or right after the round in progress): an event was just committed. */
    public void wake() {
        again.set(true);
        if (!stopped && running.compareAndSet(false, true)) {
            vertx.cancelTimer(timer);
            again.set(false);
            relay().subscribe().with(this::next, failure -> {
                LOG.warnf("Outbox relay round failed: %s", failure.toString());
                next(new Round(0, true, false));
            });
        }
    }

    private void next(Round round) {
        if (round.failed()) {
            backoff = backoff.isZero() ? Duration.ofMillis(200) : min(backoff.multipliedBy(2), maxBackoff);
        } else {
            backoff = Duration.ZERO;
        }
        running.set(false);
        if (stopped) {
            return;
        }
        if (!round.failed() && (round.full() || again.get())) {
            wake();
        } else {
            Duration wait = round.failed() ? backoff : pollInterval;
            timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> wake());
        }
    }

    /**
     * One round: if no other relay holds the lock, publishes the oldest unpublished rows and marks those the broker
     * acknowledged. A row whose aggregate had an earlier row fail stays unpublished too, so order holds.
     */
    Uni<Round> relay() {
        return pool.withTransaction(transaction -> transaction.query("select pg_try_advisory_xact_lock(" + LOCK + ")")
                .execute()
                .flatMap(locked -> !locked.iterator().next().getBoolean(0)
                        ? Uni.createFrom().item(new Round(0, false, false))
                        : transaction.preparedQuery("""
                                        select id, aggregate_id, type, topic, payload::text as payload, created_at
                                        from outbox_event where published_at is null
                                        order by created_at, id limit $1""")
                                .execute(Tuple.of(batchSize))
                                .flatMap(rows -> publish(transaction, rows))));
    }

    private Uni<Round> publish(SqlConnection transaction, Iterable<Row> rows) {
        List<Row> batch = new ArrayList<>();
        rows.forEach(batch::add);
        if (batch.isEmpty()) {
            return Uni.createFrom().item(new Round(0, false, false));
        }
        // Sent in order, all in flight at once; the idempotent producer keeps them in order per partition.
        List<Uni<Boolean>> sends = batch.stream().map(row -> emitter.sendMessage(message(row))
                        .replaceWith(true)
                        .onFailure().invoke(failure -> LOG.debugf("Outbox event %s not published: %s",
                                row.getUUID("id"), failure.toString()))
                        .onFailure().recoverWithItem(false))
                .toList();
        return Uni.join().all(sends).andFailFast().flatMap(acked -> {
            List<UUID> done = new ArrayList<>();
            Set<String> held = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                String aggregate = batch.get(i).getString("aggregate_id");
                if (acked.get(i) && !held.contains(aggregate)) {
                    done.add(batch.get(i).getUUID("id"));
                } else {
                    held.add(aggregate);
                }
            }
            Round round = new Round(done.size(), done.size() < batch.size(), batch.size() == batchSize);
            if (done.isEmpty()) {
                return Uni.createFrom().item(round);
            }
            // clock_timestamp(): the moment the broker had acknowledged them (what the lag figures measure).
            return transaction.preparedQuery("update outbox_event set published_at = clock_timestamp() where id = any($1)")
                    .execute(Tuple.of(done.toArray(UUID[]::new)))
                    .invoke(() -> published.increment(done.size()))
                    .replaceWith(round);
        });
    }

    private static Message<String> message(Row row) {
        String aggregateId = row.getString("aggregate_id");
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        return Message.of(row.getString("payload"))
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.getUUID("id").toString())
                        .withSource(SOURCE)
                        .withType(row.getString("type"))
                        .withSubject(aggregateId)
                        .withTimestamp(created.atZoneSameInstant(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(aggregateId)
                        .withTopic(row.getString("topic"))
                        .build());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
