package com.couchcart.device;

import com.couchcart.platform.Unavailable;
import com.couchcart.platform.security.Secrets;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Device sessions in Redis, keyed by the SHA-256 of the token, so a Redis dump holds no usable token. */
@ApplicationScoped
public class SessionStore {

    private static final String PREFIX = "couchcart:device-session:";

    private final ReactiveValueCommands<String, DeviceSession> values;
    private final ReactiveKeyCommands<String> keys;

    public SessionStore(ReactiveRedisDataSource redis) {
        this.values = redis.value(DeviceSession.class);
        this.keys = redis.key();
    }

    public Uni<Void> save(String token, DeviceSession session, Duration ttl) {
        return Unavailable.guard("Device sessions", values.setex(key(token), ttl.toSeconds(), session));
    }

    /** The session of a token, or null when there is none (never issued, ended or expired). */
    public Uni<DeviceSession> find(String token) {
        return Unavailable.guard("Device sessions", values.get(key(token)));
    }

    /** Seconds until the session expires; negative when it does not exist. */
    public Uni<Long> secondsLeft(String token) {
        return Unavailable.guard("Device sessions", keys.ttl(key(token)));
    }

    public Uni<Void> delete(String token) {
        return Unavailable.guard("Device sessions", keys.del(key(token)).replaceWithVoid());
    }

    static String key(String token) {
        return PREFIX + Secrets.sha256(token);
    }
}
