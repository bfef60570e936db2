package com.couchcart.platform;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Counts failed attempts per subject (a shopper, a client address) in fixed windows in Redis, shared by every
 * instance, so guessing is limited however requests are spread. Each counter is its own key (Redis Cluster).
 */
@ApplicationScoped
public class FailureLimits {

    private static final String PREFIX = "couchcart:failures:";
    private static final RedisScript COUNT = RedisScript.of("/redis/count-in-window.lua");

    private final ReactiveRedisDataSource redis;

    public FailureLimits(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** How long until the first of these counters at or over {@code limit} resets; null when none is. */
    public Uni<Duration> blockedFor(List<String> counters, int limit) {
        return Uni.join().all(counters.stream().map(counter -> blockedFor(counter, limit)).toList())
                .andFailFast()
                .map(waits -> waits.stream().filter(wait -> wait != null).max(Duration::compareTo).orElse(null));
    }

    /** Counts one failure against each counter; a counter's window starts with its first failure. */
    public Uni<Void> fail(List<String> counters, Duration window) {
        return Uni.join().all(counters.stream()
                        .map(counter -> COUNT.run(redis, List.of(PREFIX + counter), List.of(Long.toString(window.toMillis()))))
                        .toList())
                .andFailFast().replaceWithVoid();
    }

    private Uni<Duration> blockedFor(String counter, int limit) {
        String key = PREFIX + counter;
        return redis.value(Long.class).get(key).flatMap(count -> count == null || count < limit
                ? Uni.createFrom().nullItem()
                : redis.key().pttl(key).map(millis -> Duration.ofMillis(Math.max(millis, 1000))));
    }
}
