package com.couchcart.order;

import com.couchcart.platform.Money;
import com.couchcart.platform.outbox.OutboxEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The events an order announces on {@code couchcart.orders}, with what fulfillment needs to act on them. */
final class OrderEvents {

    static final String TOPIC = "couchcart.orders";
    static final String PLACED = "com.couchcart.order.placed.v1";
    static final String STATUS_CHANGED = "com.couchcart.order.status-changed.v1";

    private OrderEvents() {
    }

    static OutboxEvent placed(Order order) {
        JsonArray lines = new JsonArray();
        order.lines.forEach(line -> lines.add(new JsonObject()
                .put("sku", line.sku)
                .put("title", line.title)
                .put("quantity", line.quantity)
                .put("unitPrice", money(line.unitPrice, order.currency))
                .put("lineTotal", money(line.lineTotal, order.currency))
                .put("overlayId", line.overlayId)
                .put("campaignId", line.campaignId)
                .put("contentId", line.contentId)
                .put("addedAt", line.addedAt == null ? null : line.addedAt.toString())));
        JsonObject payload = new JsonObject()
                .put("orderId", order.id.toString())
                .put("number", order.number)
                .put("status", order.status.name())
                .put("tenant", order.tenantId)
                .put("deviceId", order.deviceId)
                .put("lines", lines)
                .put("total", money(order.totalAmount, order.currency))
                .put("shippingAddress", new JsonObject(order.shippingAddress))
                .put("paymentMethod", order.paymentMethod)
                .put("paymentStatus", order.paymentStatus)
                .put("createdAt", order.createdAt.toString());
        return new OutboxEvent(UUID.randomUUID(), "order", order.id.toString(), PLACED, TOPIC, payload);
    }

    static OutboxEvent statusChanged(UUID orderId, String number, String tenant, OrderStatus previous,
                                     OrderStatus status, String carrier, String trackingId, Instant changedAt) {
        JsonObject payload = new JsonObject()
                .put("orderId", orderId.toString())
                .put("number", number)
                .put("tenant", tenant)
                .put("status", status.name())
                .put("previousStatus", previous.name())
                .put("carrier", carrier)
                .put("trackingId", trackingId)
                .put("changedAt", changedAt.toString());
        return new OutboxEvent(UUID.randomUUID(), "order", orderId.toString(), STATUS_CHANGED, TOPIC, payload);
    }

    private static JsonObject money(BigDecimal amount, String currency) {
        Money money = Money.of(amount, currency);
        return new JsonObject().put("amount", money.amount()).put("currency", money.currency());
    }
}
