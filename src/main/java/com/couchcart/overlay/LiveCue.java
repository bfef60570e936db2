package com.couchcart.overlay;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A cue fired on a live channel, as instances pass it to each other and keep it while it runs. */
@RegisterForReflection(registerFullHierarchy = true) // also serialized by hand (stored, sent as events)
record LiveCue(String channelId, OverlayView overlay, Targeting targeting, Instant firedAt, long durationMs) {

    long endsAt() {
        return firedAt.toEpochMilli() + durationMs;
    }

    /** Identifies one firing: the same cue may be fired again later. */
    String firingId() {
        return overlay.id() + "@" + firedAt.toEpochMilli();
    }
}
