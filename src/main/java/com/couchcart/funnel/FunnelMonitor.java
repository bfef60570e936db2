package com.couchcart.funnel;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * How the funnel's capture is doing, as Prometheus meters and as detail of a readiness check that stays UP (Kafka
 * away is no reason to stop serving TVs): entries waiting in the streams ({@code couchcart_funnel_backlog}) and
 * events dropped because a stream was full ({@code couchcart_funnel_dropped_total}), summed over the shards.
 */
@Readiness
@ApplicationScoped
public class FunnelMonitor implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(FunnelMonitor.class);

    private final ReactiveRedisDataSource redis;
    private final FunnelCapture capture;
    private final FunnelRelay relay;
    private volatile long backlog;
    private volatile long dropped;

    public FunnelMonitor(ReactiveRedisDataSource redis, FunnelCapture capture, FunnelRelay relay, MeterRegistry registry) {
        this.redis = redis;
        this.capture = capture;
        this.relay = relay;
        Gauge.builder("couchcart.funnel.backlog", this, monitor -> monitor.backlog)
                .description("Funnel events captured and not yet relayed to Kafka").register(registry);
        FunctionCounter.builder("couchcart.funnel.dropped", this, monitor -> monitor.dropped)
                .description("Funnel events dropped because their stream was full (Kafka out of reach for long)")
                .register(registry);
    }

    @Scheduled(every = "${couchcart.funnel.backlog-interval}")
    Uni<Void> measure() {
        var streams = redis.stream(String.class);
        var values = redis.value(String.class);
        var shards = capture.shards();
        Uni<Long> waiting = Uni.join().all(shards.stream().map(shard -> streams.xlen(shard.stream())).toList())
                .andFailFast().map(lengths -> lengths.stream().mapToLong(Long::longValue).sum());
        Uni<Long> lost = Uni.join().all(shards.stream().map(shard -> values.get(shard.dropped())
                        .map(count -> count == null ? 0L : Long.parseLong(count))).toList())
                .andFailFast().map(counts -> counts.stream().mapToLong(Long::longValue).sum());
        return Uni.combine().all().unis(waiting, lost).asTuple()
                .invoke(measured -> {
                    backlog = measured.getItem1();
                    dropped = measured.getItem2();
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Funnel backlog not measured: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    @Override
    public HealthCheckResponse call() {
        FunnelRelay.Failure failure = relay.failure();
        return HealthCheckResponse.named("Funnel relay").up()
                .withData("backlog", backlog)
                .withData("dropped", dropped)
                .withData("relaying", failure == null ? "yes" : "failing since " + failure.since() + ": " + failure.reason())
                .build();
    }
}
