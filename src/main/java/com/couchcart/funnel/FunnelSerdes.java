package com.couchcart.funnel;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/** How the funnel topology's records travel between its steps and to the sink: JSON, readable with any tool. */
final class FunnelSerdes {

    private FunnelSerdes() {
    }

    static Serde<FunnelEvent> events() {
        return json(event -> event.data().put("type", event.type().wire()),
                json -> FunnelEvent.fromData(FunnelEventType.ofWire(json.getString("type")), json));
    }

    static Serde<HourlyCounts> counts() {
        return json(HourlyCounts::toJson, HourlyCounts::fromJson);
    }

    private static <T> Serde<T> json(Function<T, JsonObject> write, Function<JsonObject, T> read) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : write.apply(value).encode().getBytes(StandardCharsets.UTF_8),
                (topic, bytes) -> bytes == null ? null : read.apply(new JsonObject(new String(bytes, StandardCharsets.UTF_8))));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] fromBase64(String text) {
        return text == null ? null : Base64.getDecoder().decode(text);
    }
}
