package com.couchcart.platform.security;

/** The roles CouchCart authorizes by. Staff roles come from the OIDC token's groups. */
public final class Roles {

    /** A TV holding a valid device session. */
    public static final String DEVICE = "device";
    /** Authors the catalogue and the overlay timelines. */
    public static final String MERCHANDISER = "merchandiser";
    /** Runs the platform: tenants, live cues, reports. */
    public static final String OPERATOR = "operator";
    /** Staff of one TV brand: reads the campaign reports of its own tenant (the token's {@code tenant} claim). */
    public static final String PARTNER = "partner";

    private Roles() {
    }
}
