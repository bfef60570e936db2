package com.couchcart.funnel;

import java.nio.ByteBuffer;

/**
 * A funnel row's counts for one hour: impressions, clicks, adds and holdouts, and the sketch of the distinct
 * devices shown an impression (reach).
 */
record HourlyCounts(long impressions, long clicks, long adds, long holdouts, Sketch reach) {

    static final HourlyCounts NONE = new HourlyCounts(0, 0, 0, 0, Sketch.EMPTY);

    HourlyCounts add(FunnelEvent event) {
        return switch (event.type()) {
            case IMPRESSION -> new HourlyCounts(impressions + 1, clicks, adds, holdouts, reach.with(event.deviceId()));
            case CLICK -> new HourlyCounts(impressions, clicks + 1, adds, holdouts, reach);
            case ADD -> new HourlyCounts(impressions, clicks, adds + 1, holdouts, reach);
            case HOLDOUT -> new HourlyCounts(impressions, clicks, adds, holdouts + 1, reach);
        };
    }

    /** Four counts, then the sketch: binary, since a row is read and written again for every event it counts. */
    byte[] toBytes() {
        byte[] sketch = reach.toBytes();
        return ByteBuffer.allocate(32 + sketch.length).putLong(impressions).putLong(clicks).putLong(adds)
                .putLong(holdouts).put(sketch).array();
    }

    static HourlyCounts fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long impressions = buffer.getLong();
        long clicks = buffer.getLong();
        long adds = buffer.getLong();
        long holdouts = buffer.getLong();
        byte[] sketch = new byte[buffer.remaining()];
        buffer.get(sketch);
        return new HourlyCounts(impressions, clicks, adds, holdouts, Sketch.fromBytes(sketch));
    }
}
