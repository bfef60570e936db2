package com.couchcart.overlay;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** A live cue as TVs receive it: the overlay, when it was fired, how long it runs and how long it has left. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection(registerFullHierarchy = true) // also serialized by hand (stored, sent as events)
public record LiveCueView(String id, OverlayView.Product product, Placement placement, String cta, String campaignId,
                          Instant firedAt, long durationMs, long remainingMs) {

    static LiveCueView of(LiveCue cue, long now) {
        OverlayView overlay = cue.overlay();
        return new LiveCueView(overlay.id(), overlay.product(), overlay.placement(), overlay.cta(), overlay.campaignId(),
                cue.firedAt(), cue.durationMs(), Math.max(0, cue.endsAt() - now));
    }

}
