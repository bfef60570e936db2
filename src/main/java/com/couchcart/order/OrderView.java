package com.couchcart.order;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.couchcart.platform.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the phone and the TV read it. The shipping address is the shopper's: it is shown on the phone,
 * never on the living-room screen.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection(registerFullHierarchy = true) // also serialized by hand (stored, sent as events)
public record OrderView(UUID id, String number, OrderStatus status, List<Line> lines, Money total, Payment payment,
                        Shipment shipment, @JsonRawValue String shippingAddress, Instant createdAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, String title, int quantity, Money unitPrice, Money lineTotal, String overlayId,
                       String campaignId) {
    }

    /** How the order is paid: the method and what the provider arranged (DUE_ON_DELIVERY for cash on delivery). */
    public record Payment(String method, String status) {
    }

    /** Who carries the order and its tracking id, once fulfillment has said. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shipment(String carrier, String trackingId) {
    }

    static OrderView forShopper(Order order) {
        return of(order, order.shippingAddress);
    }

    static OrderView forDevice(Order order) {
        return of(order, null);
    }

    private static OrderView of(Order order, String shippingAddress) {
        List<Line> lines = order.lines.stream()
                .map(line -> new Line(line.sku, line.title, line.quantity, Money.of(line.unitPrice, order.currency),
                        Money.of(line.lineTotal, order.currency), line.overlayId, line.campaignId))
                .toList();
        return new OrderView(order.id, order.number, order.status, lines, Money.of(order.totalAmount, order.currency),
                new Payment(order.paymentMethod, order.paymentStatus),
                order.carrier == null && order.trackingId == null ? null : new Shipment(order.carrier, order.trackingId),
                shippingAddress, order.createdAt);
    }
}
