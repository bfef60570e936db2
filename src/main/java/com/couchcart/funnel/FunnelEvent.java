package com.couchcart.funnel;

import com.couchcart.platform.RedisValues;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One funnel event: a device of a tenant saw, clicked, added (or, held out, would have seen) an overlay of a
 * content. {@code at} is the media time; {@code sku} and {@code quantity} are set for adds.
 */
public record FunnelEvent(FunnelEventType type, String tenant, String deviceId, String contentId, String overlayId,
                          String campaignId, Long at, Instant occurredAt, String sku, Integer quantity) {

    /** The fields of the event's stream entry, in order, field then value; absent values are empty strings. */
    List<String> streamFields() {
        return List.of("type", type.wire(), "tenant", tenant, "device", deviceId,
                "content", RedisValues.fromNullable(contentId), "overlay", RedisValues.fromNullable(overlayId),
                "campaign", RedisValues.fromNullable(campaignId), "at", at == null ? "" : at.toString(),
                "occurred", Long.toString(occurredAt.toEpochMilli()), "sku", RedisValues.fromNullable(sku),
                "quantity", quantity == null ? "" : quantity.toString());
    }

    static FunnelEvent fromStream(Map<String, String> fields) {
        String at = RedisValues.toNullable(fields.get("at"));
        String quantity = RedisValues.toNullable(fields.get("quantity"));
        return new FunnelEvent(FunnelEventType.ofWire(fields.get("type")), fields.get("tenant"), fields.get("device"),
                RedisValues.toNullable(fields.get("content")), RedisValues.toNullable(fields.get("overlay")),
                RedisValues.toNullable(fields.get("campaign")), at == null ? null : Long.valueOf(at),
                Instant.ofEpochMilli(Long.parseLong(fields.get("occurred"))), RedisValues.toNullable(fields.get("sku")),
                quantity == null ? null : Integer.valueOf(quantity));
    }

    /** The CloudEvent's data (DESIGN.md "Campaign measurement (v2)"). */
    JsonObject data() {
        JsonObject data = new JsonObject()
                .put("tenant", tenant)
                .put("deviceId", deviceId)
                .put("contentId", contentId)
                .put("overlayId", overlayId)
                .put("campaignId", campaignId)
                .put("at", at)
                .put("occurredAt", occurredAt.toString());
        if (type == FunnelEventType.ADD) {
            data.put("sku", sku).put("quantity", quantity);
        } else if (sku != null) {
            data.put("sku", sku);
        }
        return data;
    }

    /** The event from its CloudEvent type and data, as the relay sent it. */
    static FunnelEvent fromData(FunnelEventType type, JsonObject data) {
        return new FunnelEvent(type, data.getString("tenant"), data.getString("deviceId"), data.getString("contentId"),
                data.getString("overlayId"), data.getString("campaignId"), data.getLong("at"),
                Instant.parse(data.getString("occurredAt")), data.getString("sku"), data.getInteger("quantity"));
    }

    /** The Kafka key: the device, so that one device's events (and any resend of one) meet in one partition. */
    String key() {
        return tenant + "/" + deviceId;
    }
}
