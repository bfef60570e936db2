package com.couchcart.funnel;

import java.time.Duration;
import java.time.Instant;

/**
 * Which overlay an order line is credited to: the one its cart line was added from, if that add lay within the
 * attribution window before the order (the window's end included), and the add named a campaign.
 */
final class Attribution {

    private final Duration window;

    Attribution(Duration window) {
        this.window = window;
    }

    boolean credits(String campaignId, String overlayId, Instant addedAt, Instant placedAt) {
        return campaignId != null && overlayId != null && addedAt != null && !addedAt.isAfter(placedAt)
                && Duration.between(addedAt, placedAt).compareTo(window) <= 0;
    }

    Duration window() {
        return window;
    }
}
