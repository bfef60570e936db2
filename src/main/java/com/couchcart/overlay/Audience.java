package com.couchcart.overlay;

/** Who asks: the tenant of the TV, and the region and locale it names (either may be null). */
record Audience(String tenant, String region, String locale) {
}
