package com.couchcart.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes funnel and order events to Kafka as the relay and the order service do (binary CloudEvents), for tests that
 * need events of other tenants, of the past, or sent twice.
 */
public final class FunnelEvents implements AutoCloseable {

    private final TopicWriter writer = new TopicWriter();

    /** A line of a placed order: credited when it names a campaign and overlay and was added within the window. */
    public record Line(String sku, int quantity, String amount, String campaignId, String contentId, String overlayId,
                       Instant addedAt) {
    }

    /** One funnel event with this CloudEvents id. */
    public void interaction(String id, String type, String tenant, String device, String campaignId, String contentId,
                            String overlayId, String sku, Instant occurredAt) {
        JsonObject data = new JsonObject().put("tenant", tenant).put("deviceId", device).put("contentId", contentId)
                .put("overlayId", overlayId).put("campaignId", campaignId).put("at", 1000)
                .put("occurredAt", occurredAt.toString()).put("sku", sku);
        writer.send("couchcart.overlay-interactions", tenant + "/" + device, data.encode(), Map.of(
                "ce_specversion", "1.0", "ce_id", id, "ce_source", "/couchcart/tv",
                "ce_type", "com.couchcart.overlay." + type + ".v1", "ce_time", occurredAt.toString(),
                "content-type", "application/json"));
    }

    /** An order placed by a device; answers its id. */
    public String placed(String tenant, String device, Instant placedAt, List<Line> lines) {
        String orderId = UUID.randomUUID().toString();
        JsonArray items = new JsonArray();
        for (Line line : lines) {
            items.add(new JsonObject().put("sku", line.sku()).put("title", line.sku()).put("quantity", line.quantity())
                    .put("lineTotal", new JsonObject().put("amount", line.amount()).put("currency", "CNY"))
                    .put("campaignId", line.campaignId()).put("contentId", line.contentId())
                    .put("overlayId", line.overlayId())
                    .put("addedAt", line.addedAt() == null ? null : line.addedAt().toString()));
        }
        JsonObject order = new JsonObject().put("orderId", orderId).put("number", "CC-TEST").put("status", "PLACED")
                .put("tenant", tenant).put("deviceId", device).put("lines", items).put("createdAt", placedAt.toString());
        orderEvent(orderId, "com.couchcart.order.placed.v1", order);
        return orderId;
    }

    public void cancelled(String orderId, String tenant) {
        orderEvent(orderId, "com.couchcart.order.status-changed.v1", new JsonObject().put("orderId", orderId)
                .put("tenant", tenant).put("status", "CANCELLED").put("previousStatus", "PLACED"));
    }

    private void orderEvent(String orderId, String type, JsonObject data) {
        writer.send("couchcart.orders", orderId, data.encode(), Map.of("ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(), "ce_source", "/couchcart", "ce_type", type,
                "content-type", "application/json"));
    }

    @Override
    public void close() {
        writer.close();
    }
}
