package com.couchcart.cart;

import com.couchcart.platform.Money;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A cart as the TV shows it, at today's prices. {@code total} counts the lines that can be bought now.
 */
public record CartView(long version, List<Line> lines, Money total) {

    /** Whether a line can be bought as it stands. */
    public enum Availability { AVAILABLE, INSUFFICIENT_STOCK, OUT_OF_STOCK, INACTIVE }

    /**
     * A line: the current unit price, and {@code addedUnitPrice} when it differs from the price seen when the
     * product was added; the overlay, campaign and content it was added from, and when (the order credits them).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, String title, int quantity, Money unitPrice, Money lineTotal, String overlayId,
                       String campaignId, String contentId, Instant addedAt, boolean priceChanged, Money addedUnitPrice, Availability availability) {
    }
}
