package com.couchcart.handoff;

import com.couchcart.device.DeviceSession;
import com.couchcart.platform.RedisScript;
import com.couchcart.platform.RedisValues;
import com.couchcart.platform.Unavailable;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Handoffs in Redis: a hash per handoff ({@code couchcart:handoff:<id>}), the live user codes
 * ({@code couchcart:handoff-code:<code>} → id) and each TV's latest handoff. Every key stands alone (no
 * multi-key scripts), so the layout works on Redis Cluster.
 */
@ApplicationScoped
class HandoffStore {

    private static final String HANDOFF = "couchcart:handoff:";
    private static final String CODE = "couchcart:handoff-code:";
    private static final String LATEST = "couchcart:handoff-latest:";
    private static final String POLLED = "couchcart:handoff-polled:";
    private static final RedisScript CREATE = RedisScript.of("/handoff/create.lua");
    private static final RedisScript CLAIM = RedisScript.of("/redis/hash-reply.lua", "/handoff/claim.lua");
    private static final RedisScript COMPLETE = RedisScript.of("/redis/hash-reply.lua", "/handoff/complete.lua");
    private static final RedisScript CANCEL = RedisScript.of("/redis/hash-reply.lua", "/handoff/cancel.lua");
    private static final RedisScript SET_IF_EXISTS = RedisScript.of("/redis/hset-if-exists.lua");

    /** What a script did, and the handoff as it stands after it (null when there is none). */
    record Outcome(String result, Handoff handoff) {
    }

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;

    HandoffStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.values = redis.value(String.class);
    }

    /**
     * Reserves a user code for a handoff until {@code keepUntil} (as long as the handoff is kept, so a late claim
     * learns it expired); false when another handoff holds it.
     */
    Uni<Boolean> reserveCode(String code, String handoffId, Instant keepUntil) {
        return setIfAbsent(CODE + code, handoffId, Duration.between(Instant.now(), keepUntil));
    }

    /** Keeps a code as long as its handoff, after a claim extended it. */
    Uni<Void> keepCode(String code, Instant keepUntil) {
        return guard(redis.key().pexpireat(CODE + code, keepUntil.toEpochMilli())).replaceWithVoid();
    }

    Uni<Void> save(Handoff handoff, Instant keepUntil) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(keepUntil.toEpochMilli()));
        fields(handoff).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return guard(CREATE.run(redis, List.of(HANDOFF + handoff.id()), args)).replaceWithVoid();
    }

    /** Makes {@code handoffId} the TV's latest handoff; answers the one it replaces, if any. */
    Uni<String> makeLatest(DeviceSession device, String handoffId, Instant keepUntil) {
        return guard(values.setGet(LATEST + device.tenant() + ":" + device.deviceId(), handoffId,
                new SetArgs().pxAt(keepUntil.toEpochMilli())));
    }

    Uni<Handoff> read(String handoffId) {
        return guard(redis.hash(String.class).hgetall(HANDOFF + handoffId))
                .map(fields -> fields.isEmpty() ? null : handoff(handoffId, fields));
    }

    Uni<String> idForCode(String code) {
        return guard(values.get(CODE + code));
    }

    Uni<Outcome> claim(String handoffId, String shopper, Instant now, Instant expiresAt, Instant keepUntil,
                       long cartVersion) {
        return run(CLAIM, handoffId, shopper, Long.toString(now.toEpochMilli()),
                Long.toString(expiresAt.toEpochMilli()), Long.toString(keepUntil.toEpochMilli()),
                Long.toString(cartVersion));
    }

    Uni<Outcome> complete(String handoffId, String shopper, UUID orderId) {
        return run(COMPLETE, handoffId, shopper, orderId.toString());
    }

    Uni<Outcome> cancel(String handoffId) {
        return run(CANCEL, handoffId);
    }

    /** Notes that the ordered lines have left the TV's cart. */
    Uni<Void> cartCleared(String handoffId) {
        return guard(SET_IF_EXISTS.run(redis, List.of(HANDOFF + handoffId), List.of("cart-cleared", "1"))).replaceWithVoid();
    }

    /** Whether a status poll may be answered now: at most one per {@code interval} for each handoff. */
    Uni<Boolean> pollAllowed(String handoffId, Duration interval) {
        return setIfAbsent(POLLED + handoffId, "1", interval);
    }

    /** SET NX PX: true when the key was set, false when it existed (the typed API's set with NX does not say). */
    private Uni<Boolean> setIfAbsent(String key, String value, Duration ttl) {
        return guard(redis.execute("SET", key, value, "NX", "PX", Long.toString(ttl.toMillis())))
                .map(response -> response != null);
    }

    private Uni<Outcome> run(RedisScript script, String handoffId, String... args) {
        return guard(script.run(redis, List.of(HANDOFF + handoffId), List.of(args))).map(response -> {
            Map<String, String> fields = new HashMap<>();
            for (int i = 2; i + 1 < response.size(); i += 2) {
                fields.put(response.get(i).toString(), response.get(i + 1).toString());
            }
            return new Outcome(response.get(0).toString(), fields.isEmpty() ? null : handoff(handoffId, fields));
        });
    }

    private static Map<String, String> fields(Handoff handoff) {
        DeviceSession device = handoff.device();
        Map<String, String> fields = new HashMap<>();
        fields.put("tenant", device.tenant());
        fields.put("device", device.deviceId());
        fields.put("model", RedisValues.fromNullable(device.model()));
        fields.put("region", RedisValues.fromNullable(device.region()));
        fields.put("locale", RedisValues.fromNullable(device.locale()));
        fields.put("code", handoff.userCode());
        fields.put("link", handoff.link());
        fields.put("status", handoff.status().name());
        fields.put("expires", Long.toString(handoff.expiresAt().toEpochMilli()));
        return fields;
    }

    private static Handoff handoff(String id, Map<String, String> fields) {
        DeviceSession device = new DeviceSession(fields.get("tenant"), fields.get("device"),
                RedisValues.toNullable(fields.get("model")), RedisValues.toNullable(fields.get("region")), RedisValues.toNullable(fields.get("locale")));
        String order = fields.get("order");
        String cart = fields.get("cart");
        return new Handoff(id, device, fields.get("code"), fields.get("link"), HandoffStatus.valueOf(fields.get("status")),
                fields.get("shopper"), cart == null ? null : Long.valueOf(cart), order == null ? null : UUID.fromString(order),
                "1".equals(fields.get("cart-cleared")), Instant.ofEpochMilli(Long.parseLong(fields.get("expires"))));
    }

    private static <T> Uni<T> guard(Uni<T> operation) {
        return Unavailable.guard("Handoffs", operation);
    }
}
