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
 * How far the outbox relay is behind: the age of the oldest unpublished event and how many wait, as Prometheus
 * gauges ({@code couchcart_outbox_lag_seconds}, {@code couchcart_outbox_pending}) and as detail of the readiness
 * check, which stays UP: while Kafka is away the service still takes orders. Published events are deleted after
 * {@code couchcart.outbox.retention}.
 */
@Readiness
@ApplicationScoped
public class OutboxMonitor implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OutboxMonitor.class);

    private final Pool pool;
    private final Duration retention;
    private volatile double lagSeconds;
    private volatile long pending;

    public OutboxMonitor(Pool pool, MeterRegistry registry,
                         @ConfigProperty(name = "couchcart.outbox.retention") Duration retention) {
        this.pool = pool;
        this.retention = retention;
        Gauge.builder("couchcart.outbox.lag", this, monitor -> monitor.lagSeconds).baseUnit("seconds")
                .description("Age of the oldest outbox event not yet published").register(registry);
        Gauge.builder("couchcart.outbox.pending", this, monitor -> monitor.pending)
                .description("Outbox events not yet published").register(registry);
    }

    @Scheduled(every = "${couchcart.outbox.lag-interval}")
    Uni<Void> measure() {
        return pool.query("""
                        select count(*) as pending,
                               coalesce(extract(epoch from now() - min(created_at)), 0) as lag
                        from outbox_event where published_at is null""")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending = row.getLong("pending");
                    lagSeconds = row.getNumeric("lag").doubleValue();
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Outbox lag not measured: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "1h", delayed = "1m")
    Uni<Void> forgetPublished() {
        return pool.preparedQuery("delete from outbox_event where published_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)))
                .invoke(deleted -> LOG.debugf("Deleted %d published outbox events", deleted.rowCount()))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Could not delete published outbox events", failure))
                .onFailure().recoverWithNull();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Outbox relay").up()
                .withData("pendingEvents", pending)
                .withData("lagSeconds", Math.round(lagSeconds * 10) / 10.0 + "")
                .build();
    }
}
