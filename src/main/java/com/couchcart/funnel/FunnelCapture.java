package com.couchcart.funnel;

import com.couchcart.platform.RedisScript;
import com.couchcart.platform.Unavailable;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * Captures funnel events in Redis streams, durably and in the same atomic step as what they describe: one stream
 * per shard of devices, each shard in a hash slot of its own (the hash tag {@code {fN}}), so that a script that
 * changes a device's state (its cart) and captures the event touches one slot and runs on Redis Cluster too. The
 * {@link FunnelRelay} moves the entries to Kafka.
 */
@ApplicationScoped
public class FunnelCapture {

    /** The Lua function {@code capture(stream, dropped, first)}, to prepend to scripts that capture events. */
    public static final String SCRIPT = "/funnel/capture.lua";
    private static final RedisScript APPEND = RedisScript.of(SCRIPT, "/funnel/append.lua");

    /** A shard of devices: its hash slot and the keys in it. */
    public record Shard(int number) {

        /** A key in this shard's hash slot: {@code couchcart:{fN}:name}. */
        public String key(String name) {
            return "couchcart:{f" + number + "}:" + name;
        }

        String stream() {
            return key("funnel");
        }

        String dropped() {
            return key("funnel-dropped");
        }
    }

    private final ReactiveRedisDataSource redis;
    private final int shards;
    private final String streamMaxLength;

    public FunnelCapture(ReactiveRedisDataSource redis, FunnelConfig config) {
        this.redis = redis;
        this.shards = config.shards();
        this.streamMaxLength = Integer.toString(config.streamMaxLength());
    }

    /** The shard of a device: where its funnel events, and the state they are captured with, live. */
    public Shard shardOf(String tenant, String deviceId) {
        CRC32 crc = new CRC32();
        crc.update((tenant + "/" + deviceId).getBytes(StandardCharsets.UTF_8));
        return new Shard((int) (crc.getValue() % shards));
    }

    List<Shard> shards() {
        return IntStream.range(0, shards).mapToObj(Shard::new).toList();
    }

    /** The keys a capturing script is given for {@code capture(stream, dropped, …)}, in that order. */
    public List<String> keys(Shard shard) {
        return List.of(shard.stream(), shard.dropped());
    }

    /** The arguments a capturing script passes to {@code capture} from its index {@code first}. */
    public List<String> arguments(List<FunnelEvent> events) {
        List<List<String>> fields = events.stream().map(FunnelEvent::streamFields).toList();
        // Every event has the same fields (absent values are empty strings): the script steps through them by this width.
        int width = fields.isEmpty() ? 0 : fields.get(0).size();
        List<String> arguments = new ArrayList<>(3 + events.size() * width);
        arguments.add(streamMaxLength);
        arguments.add(Integer.toString(events.size()));
        arguments.add(Integer.toString(width));
        fields.forEach(arguments::addAll);
        return arguments;
    }

    /** Captures a batch of one device's events in one round trip; Redis away → 503 problem. */
    public Uni<Void> capture(String tenant, String deviceId, List<FunnelEvent> events) {
        Shard shard = shardOf(tenant, deviceId);
        return Unavailable.guard("Interaction reports", APPEND.run(redis, keys(shard), arguments(events))).replaceWithVoid();
    }
}
