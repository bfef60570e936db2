package com.couchcart.order;

import com.couchcart.platform.Money;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the phone and the TV read it. */
public record OrderView(UUID id, String number, OrderStatus status, List<Line> lines, Money total, Instant createdAt) {

    public record Line(String sku, String title, int quantity, Money unitPrice, Money lineTotal, String overlayId) {
    }

    static OrderView of(Order order) {
        List<Line> lines = order.lines.stream()
                .map(line -> new Line(line.sku, line.title, line.quantity, Money.of(line.unitPrice, order.currency),
                        Money.of(line.lineTotal, order.currency), line.overlayId))
                .toList();
        return new OrderView(order.id, order.number, order.status, lines, Money.of(order.totalAmount, order.currency),
                order.createdAt);
    }
}
