package com.couchcart.overlay;

import java.time.Instant;

/** A cue as authored, for the admin API: the shape of {@link CueRequest}. */
public record CueView(String id, Long startMs, Long endMs, String sku, Placement placement, String cta,
                      String campaignId, int priority, Targeting targeting, Instant validFrom, Instant validUntil) {

    static CueView of(Cue cue) {
        return new CueView(cue.id(), cue.startMs(), cue.endMs(), cue.product().sku(), cue.placement(), cue.cta(),
                cue.campaignId(), cue.priority(), cue.targeting(), cue.validFrom(), cue.validUntil());
    }
}
