package com.couchcart.funnel;

import com.couchcart.platform.RedisScript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves captured funnel events from the Redis streams to Kafka, in batches. Every instance runs a relay; they share
 * the streams through one consumer group, so each entry goes to one of them. An entry is forgotten (acknowledged
 * and deleted) only after the broker acknowledged it; until then it stays pending and is sent again, with the same
 * CloudEvents id, by the same relay after a failure, or by another one that takes it over once it has waited
 * {@code claim-after} (its relay died). Consumers count each id once.
 */
@ApplicationScoped
public class FunnelRelay {

    static final String GROUP = "relay";
    private static final RedisScript RELAYED = RedisScript.of("/funnel/relayed.lua");
    /** Longer than a send may take (delivery.timeout.ms): a round never waits for ever on acknowledgements. */
    private static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(FunnelRelay.class);

    /** When the relay last failed, and why; null while it relays. */
    record Failure(Instant since, String reason) {
    }

    private final ReactiveRedisDataSource redis;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final FunnelCapture capture;
    private final FunnelPublisher publisher;
    private final Vertx vertx;
    private final FunnelConfig.Relay config;
    private final String consumer;
    private final Counter relayed;
    private final long[] nextClaim;
    private volatile boolean stopped;
    private volatile long timer = -1;
    private volatile Duration backoff = Duration.ZERO;
    private volatile Failure failure;

    public FunnelRelay(ReactiveRedisDataSource redis, FunnelCapture capture, FunnelPublisher publisher, Vertx vertx,
                       FunnelConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.capture = capture;
        this.publisher = publisher;
        this.vertx = vertx;
        this.config = config.relay();
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.consumer = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("instance") + "-" + HexFormat.of().formatHex(random);
        this.nextClaim = new long[config.shards()];
        this.relayed = Counter.builder("couchcart.funnel.relayed").description("Funnel events relayed to Kafka")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        schedule(Duration.ZERO);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(timer);
    }

    /** The relay's last failure, while it lasts; null while events go out. */
    Failure failure() {
        return failure;
    }

    private void schedule(Duration wait) {
        if (!stopped) {
            timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> run());
        }
    }

    private void run() {
        round().subscribe().with(full -> {
            failure = null;
            backoff = Duration.ZERO;
            schedule(full ? Duration.ZERO : config.pollInterval());
        }, failed -> {
            LOG.debugf("Funnel relay round failed: %s", failed.toString());
            failure = new Failure(failure == null ? Instant.now() : failure.since(), failed.toString());
            backoff = backoff.isZero() ? Duration.ofMillis(200) : backoff.multipliedBy(2);
            if (backoff.compareTo(config.maxBackoff()) > 0) {
                backoff = config.maxBackoff();
            }
            schedule(backoff);
        });
    }

    /** One round over every stream; answers whether some stream had a whole batch to move (then go on at once). */
    Uni<Boolean> round() {
        return Uni.join().all(capture.shards().stream().map(this::relay).toList()).andCollectFailures()
                .ifNoItem().after(ROUND_TIMEOUT).fail()
                .map(counts -> counts.stream().anyMatch(count -> count >= config.batchSize()));
    }

    private Uni<Integer> relay(FunnelCapture.Shard shard) {
        return take(shard)
                .flatMap(entries -> publish(shard, entries))
                .onFailure(FunnelRelay::noGroup).recoverWithUni(() -> createGroup(shard).replaceWith(0));
    }

    /** What to send: entries this relay holds already (a send failed), then others' stale ones, then new ones. */
    private Uni<List<StreamMessage<String, String, String>>> take(FunnelCapture.Shard shard) {
        return read(shard, "0")
                .flatMap(mine -> mine.isEmpty() ? claim(shard) : Uni.createFrom().item(mine))
                .flatMap(claimed -> claimed.isEmpty() ? read(shard, ">") : Uni.createFrom().item(claimed));
    }

    private Uni<List<StreamMessage<String, String, String>>> read(FunnelCapture.Shard shard, String from) {
        return streams.xreadgroup(GROUP, consumer, shard.stream(), from, new XReadGroupArgs().count(config.batchSize()));
    }

    /** Takes over entries another relay has held for longer than {@code claim-after}; looked for now and then. */
    private Uni<List<StreamMessage<String, String, String>>> claim(FunnelCapture.Shard shard) {
        long now = System.currentTimeMillis();
        if (now < nextClaim[shard.number()]) {
            return Uni.createFrom().item(List.of());
        }
        nextClaim[shard.number()] = now + config.claimAfter().toMillis() / 2;
        return streams.xautoclaim(shard.stream(), GROUP, consumer, config.claimAfter(), "0-0", config.batchSize())
                .map(ClaimedMessages::getMessages)
                .call(() -> forgetGone(shard));
    }

    /**
     * Takes relays of stopped instances off the group: those that hold nothing (what they held has been taken over)
     * and have been idle for {@code forget-after}. Every start of an instance adds a consumer name.
     */
    private Uni<Void> forgetGone(FunnelCapture.Shard shard) {
        return redis.execute("XINFO", "CONSUMERS", shard.stream(), GROUP).flatMap(consumers -> {
            List<Uni<Void>> forgets = new ArrayList<>();
            for (Response entry : consumers) {
                Map<String, String> fields = fields(entry);
                String name = fields.get("name");
                if (name != null && !name.equals(consumer) && "0".equals(fields.get("pending"))
                        && Long.parseLong(fields.getOrDefault("idle", "0")) > config.forgetAfter().toMillis()) {
                    forgets.add(streams.xgroupDelConsumer(shard.stream(), GROUP, name).replaceWithVoid());
                }
            }
            return forgets.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(forgets).andFailFast().replaceWithVoid();
        });
    }

    /** An XINFO entry's fields: a map (RESP3) or a flat list of field, value (RESP2). */
    private static Map<String, String> fields(Response entry) {
        Map<String, String> fields = new HashMap<>();
        if (!entry.getKeys().isEmpty()) {
            entry.getKeys().forEach(key -> fields.put(key, String.valueOf(entry.get(key))));
        } else {
            for (int i = 0; i + 1 < entry.size(); i += 2) {
                fields.put(entry.get(i).toString(), String.valueOf(entry.get(i + 1)));
            }
        }
        return fields;
    }

    /**
     * Sends the entries and forgets those the broker acknowledged; fails (after forgetting those) when some were
     * not, so that the relay backs off and they go again.
     */
    private Uni<Integer> publish(FunnelCapture.Shard shard, List<StreamMessage<String, String, String>> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<String> done = new ArrayList<>(entries.size());
        List<String> sent = new ArrayList<>(entries.size());
        List<FunnelPublisher.Outgoing> outgoing = new ArrayList<>(entries.size());
        for (StreamMessage<String, String, String> entry : entries) {
            try {
                outgoing.add(new FunnelPublisher.Outgoing("f" + shard.number() + "-" + entry.id(),
                        FunnelEvent.fromStream(entry.payload())));
                sent.add(entry.id());
            } catch (RuntimeException unreadable) {
                // Nothing will ever read it: forget it rather than hold the stream up.
                LOG.warnf("Funnel entry %s of %s is unreadable and is dropped: %s", entry.id(), shard.stream(), unreadable.toString());
                done.add(entry.id());
            }
        }
        return publisher.send(outgoing).flatMap(acknowledged -> {
            for (int i = 0; i < acknowledged.length; i++) {
                if (acknowledged[i]) {
                    done.add(sent.get(i));
                }
            }
            return forget(shard, done).map(ignored -> {
                relayed.increment(done.size());
                if (done.size() < entries.size()) {
                    throw new IllegalStateException((entries.size() - done.size()) + " funnel events not acknowledged by Kafka");
                }
                return entries.size();
            });
        });
    }

    private Uni<Void> forget(FunnelCapture.Shard shard, List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> arguments = new ArrayList<>(ids.size() + 1);
        arguments.add(GROUP);
        arguments.addAll(ids);
        return RELAYED.run(redis, List.of(shard.stream()), arguments).replaceWithVoid();
    }

    private Uni<Void> createGroup(FunnelCapture.Shard shard) {
        return streams.xgroupCreate(shard.stream(), GROUP, "0", new XGroupCreateArgs().mkstream())
                .onFailure(failed -> String.valueOf(failed.getMessage()).startsWith("BUSYGROUP")).recoverWithNull();
    }

    private static boolean noGroup(Throwable failure) {
        return String.valueOf(failure.getMessage()).startsWith("NOGROUP");
    }
}
