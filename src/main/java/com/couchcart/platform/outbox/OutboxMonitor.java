package com.couchcart.platform.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How far the outbox relay is behind: the age of the oldest unpublished event, how many wait and how many are
 * parked, as Prometheus gauges ({@code couchcart_outbox_lag_seconds}, {@code couchcart_outbox_pending},
 * {@code couchcart_outbox_parked}) and as detail of a readiness check that stays UP: while Kafka is away the
 * service still takes orders (Kafka is not a readiness condition at all; see application.properties). Published
 * events are deleted after {@code couchcart.outbox.retention}, a batch at a time.
 */
@Readiness
@ApplicationScoped
public class OutboxMonitor implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OutboxMonitor.class);

    private static final int DELETE_BATCH = 5000;

    private final Pool pool;
    private final OutboxRelay relay;
    private final Duration retention;
    private volatile double lagSeconds;
    private volatile long pending;
    private volatile long parked;

    public OutboxMonitor(Pool pool, OutboxRelay relay, MeterRegistry registry,
                         @ConfigProperty(name = "couchcart.outbox.retention") Duration retention) {
        this.pool = pool;
        this.relay = relay;
        this.retention = retention;
        Gauge.builder("couchcart.outbox.lag", this, monitor -> monitor.lagSeconds).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet published").register(registry);
        Gauge.builder("couchcart.outbox.pending", this, monitor -> monitor.pending)
                .description("Outbox events not yet published").register(registry);
        Gauge.builder("couchcart.outbox.parked", this, monitor -> monitor.parked)
                .description("Outbox events Kafka refused for good, waiting for an operator").register(registry);
    }

    @Scheduled(every = "${couchcart.outbox.lag-interval}")
    Uni<Void> measure() {
        return pool.query("""
                        select count(*) filter (where parked_at is null) as pending,
                               count(*) filter (where parked_at is not null) as parked,
                               coalesce(extract(epoch from now() - min(created_at)), 0) as lag
                        from outbox_event where published_at is null""")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending = row.getLong("pending");
                    parked = row.getLong("parked");
                    lagSeconds = row.getNumeric("lag").doubleValue();
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Outbox lag not measured: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "10m", delayed = "1m")
    Uni<Void> forgetPublished() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(retention);
        return deleteBatch(before)
                .repeat().until(deleted -> deleted < DELETE_BATCH)
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))
                .invoke(deleted -> LOG.debugf("Deleted %d published outbox events", deleted))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Could not delete published outbox events", failure))
                .onFailure().recoverWithNull();
    }

    /** Deletes up to a batch of events published before {@code before}; answers how many. */
    private Uni<Integer> deleteBatch(OffsetDateTime before) {
        return pool.preparedQuery("""
                        delete from outbox_event where id in (
                            select id from outbox_event where published_at < $1 limit $2)""")
                .execute(Tuple.of(before, DELETE_BATCH))
                .map(deleted -> deleted.rowCount());
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.Failure failure = relay.failure();
        return HealthCheckResponse.named("Outbox relay").up()
                .withData("pendingEvents", pending)
                .withData("parkedEvents", parked)
                .withData("lagSeconds", Double.toString(Math.round(lagSeconds * 10) / 10.0))
                .withData("publishing", failure == null ? "yes" : "failing since " + failure.since() + ": " + failure.reason())
                .build();
    }
}
