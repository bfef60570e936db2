package com.couchcart.device;

import com.couchcart.platform.Broadcasts;
import com.couchcart.platform.Unavailable;
import com.couchcart.platform.security.Secrets;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device sessions in Redis, keyed by the SHA-256 of the token, so a Redis dump holds no usable token.
 * Every TV call authenticates, so each instance also remembers the sessions it has seen for a few seconds
 * ({@code couchcart.device-session.cache-ttl}); an ended session is forgotten everywhere at once (broadcast).
 */
@ApplicationScoped
public class SessionStore {

    static final String TOPIC = "device-sessions-ended";
    private static final String PREFIX = "couchcart:device-session:";
    private static final int MAX_REMEMBERED = 200_000;

    private record Remembered(DeviceSession session, long until) {
    }

    private final ReactiveValueCommands<String, DeviceSession> values;
    private final ReactiveKeyCommands<String> keys;
    private final Broadcasts broadcasts;
    private final long cacheNanos;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public SessionStore(ReactiveRedisDataSource redis, Broadcasts broadcasts,
                        @ConfigProperty(name = "couchcart.device-session.cache-ttl") Duration cacheTtl) {
        this.values = redis.value(DeviceSession.class);
        this.keys = redis.key();
        this.broadcasts = broadcasts;
        this.cacheNanos = cacheTtl.toNanos();
    }

    void start(@Observes StartupEvent event) {
        broadcasts.follow(TOPIC, key -> {
            remembered.remove(key);
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Void> save(String token, DeviceSession session, Duration ttl) {
        return Unavailable.guard("Device sessions", values.setex(key(token), ttl.toSeconds(), session));
    }

    /** The session of a token, or null when there is none (never issued, ended or expired). */
    public Uni<DeviceSession> find(String token) {
        String key = key(token);
        Remembered known = remembered.get(key);
        long now = System.nanoTime();
        if (known != null && now - known.until() < 0) {
            return Uni.createFrom().item(known.session());
        }
        return Unavailable.guard("Device sessions", values.get(key)).invoke(session -> {
            if (session == null) {
                remembered.remove(key);
                return;
            }
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(session, now + cacheNanos));
        });
    }

    /** Seconds until the session expires; negative when it does not exist. */
    public Uni<Long> secondsLeft(String token) {
        return Unavailable.guard("Device sessions", keys.ttl(key(token)));
    }

    /** Ends a session here, in Redis, and in every other instance's memory. */
    public Uni<Void> delete(String token) {
        String key = key(token);
        remembered.remove(key);
        return Unavailable.guard("Device sessions", keys.del(key).replaceWithVoid())
                .call(() -> broadcasts.publish(TOPIC, key));
    }

    static String key(String token) {
        return PREFIX + Secrets.sha256(token);
    }
}
