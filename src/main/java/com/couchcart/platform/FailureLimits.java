package com.couchcart.platform;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Limits attempts per subject (a shopper, a client address) in fixed windows in Redis, shared by every instance.
 * Every attempt is counted before it is tried, so parallel requests cannot slip past the limit; an attempt that
 * turns out well is given back, so only failures use the allowance. Each counter is its own key (Redis Cluster).
 */
@ApplicationScoped
public class FailureLimits {

    private static final String PREFIX = "couchcart:attempts:";
    private static final RedisScript COUNT = RedisScript.of("/redis/count-in-window.lua");
    private static final RedisScript GIVE_BACK = RedisScript.of("/redis/give-back.lua");

    private final ReactiveRedisDataSource redis;

    public FailureLimits(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Counts an attempt against each counter. Answers null when every counter is within {@code limit}, else how
     * long until the latest-ending window over the limit ends.
     */
    public Uni<Duration> attempt(List<String> counters, int limit, Duration window) {
        return guard(Uni.join().all(counters.stream()
                        .map(counter -> COUNT.run(redis, List.of(PREFIX + counter), List.of(Long.toString(window.toMillis()))))
                        .toList())
                .andFailFast())
                .map(answers -> answers.stream()
                        .filter(answer -> answer.get(0).toLong() > limit)
                        .map(answer -> Duration.ofMillis(Math.max(answer.get(1).toLong(), 1000)))
                        .max(Duration::compareTo).orElse(null));
    }

    /** Gives an attempt back to each counter: it was not a failure. */
    public Uni<Void> giveBack(List<String> counters) {
        return guard(Uni.join().all(counters.stream()
                        .map(counter -> GIVE_BACK.run(redis, List.of(PREFIX + counter), List.of()))
                        .toList())
                .andFailFast())
                .replaceWithVoid();
    }

    private static <T> Uni<T> guard(Uni<T> operation) {
        return Unavailable.guard("Attempt limits", operation);
    }
}
