package com.couchcart.order;

import com.couchcart.platform.IncomingCloudEvent;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.UUID;

/**
 * A {@code com.couchcart.fulfillment.status.v1} event: fulfillment shipped, delivered or cancelled an order.
 *
 * @param eventId the CloudEvents id, by which a redelivered event is recognised
 */
record FulfillmentUpdate(String eventId, UUID orderId, OrderStatus status, String carrier, String trackingId) {

    static final String TYPE = "com.couchcart.fulfillment.status.v1";
    private static final Set<OrderStatus> REPORTED = Set.of(OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.CANCELLED);

    static FulfillmentUpdate of(IncomingCloudEvent event) {
        if (!TYPE.equals(event.type())) {
            throw new IncomingCloudEvent.Unreadable("unexpected event type '" + event.type() + "', expected " + TYPE);
        }
        JsonNode data = event.data();
        UUID orderId;
        try {
            orderId = UUID.fromString(text(data, "orderId", 36, true));
        } catch (IllegalArgumentException e) {
            throw new IncomingCloudEvent.Unreadable("orderId is not a UUID");
        }
        OrderStatus status;
        try {
            status = OrderStatus.valueOf(text(data, "status", 16, true));
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status == null || !REPORTED.contains(status)) {
            throw new IncomingCloudEvent.Unreadable("status must be SHIPPED, DELIVERED or CANCELLED");
        }
        if (event.id().length() > 255) {
            throw new IncomingCloudEvent.Unreadable("the event id is longer than 255 characters");
        }
        return new FulfillmentUpdate(event.id(), orderId, status, text(data, "carrier", 100, false),
                text(data, "trackingId", 100, false));
    }

    private static String text(JsonNode data, String field, int maxLength, boolean required) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new IncomingCloudEvent.Unreadable(field + " is missing");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().length() > maxLength) {
            throw new IncomingCloudEvent.Unreadable(field + " must be text of at most " + maxLength + " characters");
        }
        return node.asText();
    }
}
