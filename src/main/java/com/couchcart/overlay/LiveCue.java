package com.couchcart.overlay;

import java.time.Instant;

/** A cue fired on a live channel, as instances pass it to each other and keep it while it runs. */
record LiveCue(String channelId, OverlayView overlay, Targeting targeting, Instant firedAt, long durationMs) {

    long endsAt() {
        return firedAt.toEpochMilli() + durationMs;
    }

    /** Identifies one firing: the same cue may be fired again later. */
    String firingId() {
        return overlay.id() + "@" + firedAt.toEpochMilli();
    }
}
