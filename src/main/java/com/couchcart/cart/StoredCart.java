package com.couchcart.cart;

import java.time.Instant;
import java.util.List;

/**
 * A cart as Redis holds it: its version and its lines, each with what was true when it was added.
 *
 * @param status what the last script did ({@code OK}, {@code REPEATED}, or why it refused)
 * @param detail the limit or version a refusal is about
 */
record StoredCart(String status, String detail, long version, List<Line> lines) {

    /**
     * A line: quantity, the overlay, campaign and content that led to it, the unit price seen and when it was
     * added (null for lines from before the funnel).
     */
    record Line(String sku, int quantity, String overlayId, String campaignId, String contentId, String addedPrice,
                String currency, long position, Instant addedAt) {
    }
}
