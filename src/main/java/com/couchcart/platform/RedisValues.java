package com.couchcart.platform;

/** Redis stores strings, never null: an absent optional value travels as the empty string. */
public final class RedisValues {

    private RedisValues() {
    }

    public static String fromNullable(String value) {
        return value == null ? "" : value;
    }

    public static String toNullable(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
