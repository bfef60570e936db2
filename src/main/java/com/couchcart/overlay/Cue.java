package com.couchcart.overlay;

import java.time.Instant;

/**
 * A cue of a content's timeline as the read path holds it: the product as it is now, the interval
 * {@code [startMs, endMs)} of media time (absent for a live channel's prepared cues), who may see it and when.
 */
record Cue(String id, Long startMs, Long endMs, ProductInfo product, Placement placement, String cta,
           String campaignId, int priority, Targeting targeting, Instant validFrom, Instant validUntil) {

    /** The product fields an overlay shows; {@code active} false hides the cue. */
    record ProductInfo(String sku, String title, java.math.BigDecimal price, String currency, String imageUrl,
                       boolean active) {
    }

    boolean hasInterval() {
        return startMs != null && endMs != null;
    }

    boolean validAt(long epochMillis) {
        return (validFrom == null || validFrom.toEpochMilli() <= epochMillis)
                && (validUntil == null || epochMillis < validUntil.toEpochMilli());
    }

    /** The next wall-clock instant after {@code epochMillis} at which this cue's validity changes. */
    long nextValidityChangeAfter(long epochMillis) {
        long next = Long.MAX_VALUE;
        if (validFrom != null && validFrom.toEpochMilli() > epochMillis) {
            next = validFrom.toEpochMilli();
        }
        if (validUntil != null && validUntil.toEpochMilli() > epochMillis) {
            next = Math.min(next, validUntil.toEpochMilli());
        }
        return next;
    }

    boolean shownTo(String tenant, String region, String locale, long epochMillis) {
        return product.active() && validAt(epochMillis) && targeting.admits(tenant, region, locale);
    }
}
