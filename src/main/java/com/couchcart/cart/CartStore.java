package com.couchcart.cart;

import com.couchcart.funnel.FunnelCapture;
import com.couchcart.funnel.FunnelEvent;
import com.couchcart.platform.RedisScript;
import com.couchcart.platform.RedisValues;
import com.couchcart.platform.Unavailable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carts in Redis, one hash per device ({@code couchcart:{fN}:cart:<tenant>:<deviceId>}, in the device's funnel
 * shard): field {@code v} the version, {@code l:<sku>} a line as JSON. Every change is one Lua script, so two
 * remotes of one TV never lose an update; an add captures its funnel event in the same script.
 */
@ApplicationScoped
public class CartStore {

    private static final RedisScript ADD = RedisScript.of("/redis/hash-reply.lua", FunnelCapture.SCRIPT, "/cart/add.lua");
    private static final RedisScript SET = RedisScript.of("/redis/hash-reply.lua", "/cart/set.lua");
    private static final RedisScript REMOVE = RedisScript.of("/redis/hash-reply.lua", "/cart/remove.lua");

    private final ReactiveRedisDataSource redis;
    private final FunnelCapture funnel;
    private final ObjectMapper mapper;
    private final String ttl;
    private final String eventTtl;

    public CartStore(ReactiveRedisDataSource redis, FunnelCapture funnel, ObjectMapper mapper,
                     @ConfigProperty(name = "couchcart.cart.ttl") Duration ttl,
                     @ConfigProperty(name = "couchcart.cart.event-id-ttl") Duration eventTtl) {
        this.redis = redis;
        this.funnel = funnel;
        this.mapper = mapper;
        this.ttl = Long.toString(ttl.toSeconds());
        this.eventTtl = Long.toString(eventTtl.toSeconds());
    }

    /** Identifies a device's cart; its keys share the hash slot of the device's funnel shard. */
    record CartKey(String tenant, String deviceId, FunnelCapture.Shard shard) {

        String hash() {
            return shard.key("cart:" + tenant + ":" + deviceId);
        }

        String event(String eventId) {
            return shard.key("cart-event:" + tenant + ":" + deviceId + ":" + eventId);
        }
    }

    CartKey key(String tenant, String deviceId) {
        return new CartKey(tenant, deviceId, funnel.shardOf(tenant, deviceId));
    }

    Uni<StoredCart> read(CartKey cart) {
        return guard(redis.hash(String.class).hgetall(cart.hash())).map(fields -> parse("OK", "", fields));
    }

    /** Adds to a line and, when it does, captures {@code event} (the add) in the same step. */
    Uni<StoredCart> add(CartKey cart, String eventId, FunnelEvent event, String unitPrice, String currency,
                        int maxLines, int maxPerLine, int stock, Long ifMatch) {
        List<String> keys = new ArrayList<>(List.of(cart.hash(), cart.event(eventId)));
        keys.addAll(funnel.keys(cart.shard()));
        List<String> args = new ArrayList<>(List.of(event.sku(), Integer.toString(event.quantity()),
                RedisValues.fromNullable(event.overlayId()), RedisValues.fromNullable(event.campaignId()),
                RedisValues.fromNullable(event.contentId()), unitPrice, currency, Integer.toString(maxLines),
                Integer.toString(maxPerLine), Integer.toString(stock), ttl, eventTtl, version(ifMatch),
                Long.toString(event.occurredAt().toEpochMilli())));
        args.addAll(funnel.arguments(List.of(event)));
        return run(ADD, keys, args);
    }

    Uni<StoredCart> setQuantity(CartKey cart, String sku, int quantity, int maxPerLine, int stock, Long ifMatch) {
        return run(SET, List.of(cart.hash()), List.of(sku, Integer.toString(quantity), Integer.toString(maxPerLine),
                Integer.toString(stock), ttl, version(ifMatch)));
    }

    /** Removes the lines of these products, or every line when {@code skus} is empty. */
    Uni<StoredCart> remove(CartKey cart, List<String> skus, Long ifMatch) {
        List<String> args = new ArrayList<>(List.of(ttl, version(ifMatch)));
        args.addAll(skus);
        return run(REMOVE, List.of(cart.hash()), args);
    }

    /** Seconds the cart has left before it expires unused; negative when there is none. */
    Uni<Long> secondsLeft(CartKey cart) {
        return guard(redis.key().ttl(cart.hash()));
    }

    /** Runs a script; its answer is {status, detail, then the cart hash as field, value, …}. */
    private Uni<StoredCart> run(RedisScript script, List<String> keys, List<String> args) {
        return guard(script.run(redis, keys, args)).map(response -> {
            Map<String, String> fields = new HashMap<>();
            for (int i = 2; i + 1 < response.size(); i += 2) {
                fields.put(response.get(i).toString(), response.get(i + 1).toString());
            }
            return parse(response.get(0).toString(), response.get(1).toString(), fields);
        });
    }

    private static <T> Uni<T> guard(Uni<T> operation) {
        return Unavailable.guard("Carts", operation);
    }

    private StoredCart parse(String status, String detail, Map<String, String> fields) {
        long version = 0;
        List<StoredCart.Line> lines = new ArrayList<>();
        for (var field : fields.entrySet()) {
            if (field.getKey().equals("v")) {
                version = Long.parseLong(field.getValue());
            } else if (field.getKey().startsWith("l:")) {
                lines.add(line(field.getKey().substring(2), field.getValue()));
            }
        }
        lines.sort(Comparator.comparingLong(StoredCart.Line::position));
        return new StoredCart(status, detail, version, lines);
    }

    private StoredCart.Line line(String sku, String json) {
        try {
            JsonNode line = mapper.readTree(json);
            JsonNode content = line.get("k");
            JsonNode added = line.get("a");
            return new StoredCart.Line(sku, line.get("q").asInt(), RedisValues.toNullable(line.get("o").asText()),
                    RedisValues.toNullable(line.get("c").asText()),
                    content == null ? null : RedisValues.toNullable(content.asText()), line.get("p").asText(),
                    line.get("cur").asText(), line.get("t").asLong(),
                    added == null ? null : Instant.ofEpochMilli(Long.parseLong(added.asText())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cart line in Redis is not JSON: " + json, e);
        }
    }

    private static String version(Long ifMatch) {
        return ifMatch == null ? "" : Long.toString(ifMatch);
    }
}
