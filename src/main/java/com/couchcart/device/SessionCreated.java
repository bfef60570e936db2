package com.couchcart.device;

/** The answer to opening a session: the bearer token for later TV calls and its lifetime in seconds. */
public record SessionCreated(String sessionToken, long expiresIn) {
}
