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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox to Kafka as CloudEvents (binary mode: {@code ce_*} headers, the JSON payload as the value),
 * keyed by aggregate id, in insertion order. A row is marked published in the transaction that read it, after
 * the broker acknowledged it ({@code acks=all}, idempotent producer), so a crash in between sends it again with
 * the same CloudEvents id: consumers deduplicate by id.
 *
 * <p>Any number of instances run the relay; a transaction-scoped advisory lock lets one of them work at a time,
 * so each row is published once in steady state. Within a round, one aggregate's events are sent one after the
 * other, and the first that fails holds back the rest, so an aggregate's events never overtake each other. The
 * relay runs when this instance commits an event, otherwise every {@code poll-interval}; after a failure (Kafka
 * away) it backs off and the rows wait. An event Kafka refuses for good is parked with the reason.
 */
@ApplicationScoped
public class OutboxRelay {

    static final URI SOURCE = URI.create("/couchcart");
    /** The advisory lock that makes one relay work at a time ("outbox" as a number). */
    private static final long LOCK = 0x6f7574626f78L;
    /** Longer than a send may take (delivery.timeout.ms): a round never waits for ever on an acknowledgement. */
    private static final Duration ROUND_SENDS_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** What one round did. {@code locked}: it held the lock; {@code failed}: some sends failed; {@code full}: it read a whole batch. */
    record Round(boolean locked, boolean failed, boolean full) {

        static final Round NOT_LOCKED = new Round(false, false, false);
    }

    /** How a send ended: acknowledged, failed for now, or refused for good (with the reason). */
    private record Sent(Row row, boolean acknowledged, String refusal) {
    }

    /** When the relay last failed to publish, and why; null while it publishes. */
    record Failure(Instant since, String reason) {
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
    private volatile boolean backingOff;
    private volatile Failure failure;

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

    /** The relay's last failure to publish, while it lasts; null while events go out. */
    Failure failure() {
        return failure;
    }

    /**
     * Runs the relay now, or after the round in progress: an event was just committed. While the relay backs off
     * after a failure, the wait stands; the event goes out with the next round.
     */
    public void wake() {
        again.set(true);
        if (!backingOff) {
            start();
        }
    }

    private void start() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;
        }
        vertx.cancelTimer(timer);
        again.set(false);
        relay().subscribe().with(this::next, failed -> {
            LOG.warnf("Outbox relay round failed: %s", failed.toString());
            failure = new Failure(failure == null ? Instant.now() : failure.since(), failed.toString());
            next(new Round(true, true, false));
        });
    }

    private void next(Round round) {
        backoff = round.failed() ? min(backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2), maxBackoff)
                : Duration.ZERO;
        backingOff = round.failed();
        running.set(false);
        if (stopped) {
            return;
        }
        if (round.locked() && !round.failed() && (round.full() || again.get())) {
            start();
            return;
        }
        // Kafka fails, or another instance is relaying: look again later rather than at once.
        Duration wait = round.failed() ? backoff : pollInterval;
        vertx.cancelTimer(timer);
        timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> start());
    }

    /**
     * One round: if no other relay holds the lock, publishes the oldest unpublished rows, marks those the broker
     * acknowledged and parks those it refused for good.
     */
    Uni<Round> relay() {
        return pool.withTransaction(transaction -> transaction.query("select pg_try_advisory_xact_lock(" + LOCK + ")")
                .execute()
                .flatMap(locked -> !locked.iterator().next().getBoolean(0)
                        ? Uni.createFrom().item(Round.NOT_LOCKED)
                        : transaction.preparedQuery("""
                                        select id, aggregate_id, type, topic, payload::text as payload, created_at
                                        from outbox_event
                                        where published_at is null and parked_at is null
                                          and aggregate_id not in (select aggregate_id from outbox_event where parked_at is not null)
                                        order by seq limit $1""")
                                .execute(Tuple.of(batchSize))
                                .flatMap(rows -> publish(transaction, rows))));
    }

    private Uni<Round> publish(SqlConnection transaction, Iterable<Row> rows) {
        Map<String, List<Row>> byAggregate = new LinkedHashMap<>();
        int count = 0;
        for (Row row : rows) {
            byAggregate.computeIfAbsent(row.getString("aggregate_id"), id -> new ArrayList<>()).add(row);
            count++;
        }
        if (count == 0) {
            failure = null;
            return Uni.createFrom().item(new Round(true, false, false));
        }
        boolean full = count == batchSize;
        List<Uni<List<Sent>>> aggregates = byAggregate.values().stream().map(this::sendInOrder).toList();
        return Uni.join().all(aggregates).andFailFast()
                .ifNoItem().after(ROUND_SENDS_TIMEOUT).fail()
                .flatMap(results -> {
                    List<UUID> done = new ArrayList<>();
                    List<Sent> refused = new ArrayList<>();
                    boolean failed = false;
                    for (List<Sent> aggregate : results) {
                        for (Sent sent : aggregate) {
                            if (sent.acknowledged()) {
                                done.add(sent.row().getUUID("id"));
                            } else if (sent.refusal() != null) {
                                refused.add(sent);
                            } else {
                                failed = true;
                            }
                        }
                    }
                    if (!failed) {
                        failure = null;
                    }
                    Round round = new Round(true, failed, full);
                    return mark(transaction, done).chain(() -> park(transaction, refused)).replaceWith(round);
                });
    }

    /** Sends one aggregate's events one after the other; after the first that fails, the rest are not sent. */
    private Uni<List<Sent>> sendInOrder(List<Row> rows) {
        Uni<List<Sent>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Row row : rows) {
            chain = chain.flatMap(sent -> {
                if (!sent.isEmpty() && !sent.get(sent.size() - 1).acknowledged()) {
                    return Uni.createFrom().item(sent);
                }
                return emitter.sendMessage(message(row))
                        .replaceWith(new Sent(row, true, null))
                        .onFailure().recoverWithItem(error -> {
                            LOG.debugf("Outbox event %s not published: %s", row.getUUID("id"), error.toString());
                            failure = new Failure(failure == null ? Instant.now() : failure.since(), error.toString());
                            return new Sent(row, false, refusedForGood(error) ? error.toString() : null);
                        })
                        .map(result -> {
                            sent.add(result);
                            return sent;
                        });
            });
        }
        return chain;
    }

    /**
     * Whether Kafka will never take the event (it is too large, its topic name invalid): a Kafka error that is not
     * retriable, and nothing retriable (a timeout, a missing leader) behind it. Anything unclear counts as passing.
     */
    static boolean refusedForGood(Throwable error) {
        boolean refused = false;
        for (Throwable cause : causes(error, new ArrayList<>())) {
            if (cause instanceof RetriableException) {
                return false;
            }
            refused |= cause instanceof KafkaException;
        }
        return refused;
    }

    private static List<Throwable> causes(Throwable error, List<Throwable> seen) {
        if (error == null || seen.contains(error)) {
            return seen;
        }
        seen.add(error);
        causes(error.getCause(), seen);
        for (Throwable suppressed : error.getSuppressed()) {
            causes(suppressed, seen);
        }
        return seen;
    }

    private Uni<Void> mark(SqlConnection transaction, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // clock_timestamp(): the moment the broker had acknowledged them (what the latency figures measure).
        return transaction.preparedQuery("update outbox_event set published_at = clock_timestamp() where id = any($1)")
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .invoke(() -> published.increment(ids.size()))
                .replaceWithVoid();
    }

    private static Uni<Void> park(SqlConnection transaction, List<Sent> refused) {
        if (refused.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        refused.forEach(sent -> LOG.errorf("Outbox event %s (%s of %s) parked, Kafka refused it: %s",
                sent.row().getUUID("id"), sent.row().getString("type"), sent.row().getString("aggregate_id"), sent.refusal()));
        return transaction.preparedQuery("update outbox_event set parked_at = now(), last_error = left($2, 1000) where id = $1")
                .executeBatch(refused.stream().map(sent -> Tuple.of(sent.row().getUUID("id"), sent.refusal())).toList())
                .replaceWithVoid();
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
