package com.couchcart.overlay;

/** What the read path knows of a content besides its cues. {@code durationMs} is null for a live channel. */
record ContentInfo(String id, String title, Kind kind, Long durationMs, long version) {

    enum Kind { VOD, LIVE }
}
