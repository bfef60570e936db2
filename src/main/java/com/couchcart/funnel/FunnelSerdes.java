package com.couchcart.funnel;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * How the funnel topology's records travel between its steps and to the sink: events as JSON (readable with any
 * tool), hourly counts in a compact binary form ({@link HourlyCounts#toBytes}).
 */
final class FunnelSerdes {

    private FunnelSerdes() {
    }

    static Serde<FunnelEvent> events() {
        return json(event -> event.data().put("type", event.type().wire()),
                json -> FunnelEvent.fromData(FunnelEventType.ofWire(json.getString("type")), json));
    }

    static Serde<HourlyCounts> counts() {
        return Serdes.serdeFrom((topic, counts) -> counts == null ? null : counts.toBytes(),
                (topic, bytes) -> bytes == null ? null : HourlyCounts.fromBytes(bytes));
    }

    static Serde<Sketch> sketches() {
        return Serdes.serdeFrom((topic, sketch) -> sketch == null ? null : sketch.toBytes(),
                (topic, bytes) -> bytes == null ? null : Sketch.fromBytes(bytes));
    }

    private static <T> Serde<T> json(Function<T, JsonObject> write, Function<JsonObject, T> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value).encode().getBytes(StandardCharsets.UTF_8),
                (topic, bytes) -> bytes == null ? null : read.apply(new JsonObject(new String(bytes, StandardCharsets.UTF_8))));
    }
}
