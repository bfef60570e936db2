package com.couchcart.funnel;

/** What a viewer did with an overlay, as the funnel counts it. */
public enum FunnelEventType {
    IMPRESSION, CLICK, ADD,
    /** An overlay a held-out device would have shown (it did not). */
    HOLDOUT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String cloudEventType() {
        return "com.couchcart.overlay." + wire() + ".v1";
    }

    public static FunnelEventType ofWire(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
