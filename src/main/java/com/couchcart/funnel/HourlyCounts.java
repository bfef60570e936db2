package com.couchcart.funnel;

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

    io.vertx.core.json.JsonObject toJson() {
        return new io.vertx.core.json.JsonObject().put("impressions", impressions).put("clicks", clicks).put("adds", adds)
                .put("holdouts", holdouts).put("reach", FunnelSerdes.base64(reach.toBytes()));
    }

    static HourlyCounts fromJson(io.vertx.core.json.JsonObject json) {
        return new HourlyCounts(json.getLong("impressions"), json.getLong("clicks"), json.getLong("adds"),
                json.getLong("holdouts"), Sketch.fromBytes(FunnelSerdes.fromBase64(json.getString("reach"))));
    }
}
