package com.couchcart.device;

import io.quarkus.security.identity.SecurityIdentity;

import java.security.Principal;

/** The identity of a TV calling with a device session; its name is {@code tenant/deviceId}. */
public record DevicePrincipal(String token, DeviceSession session) implements Principal {

    @Override
    public String getName() {
        return session.tenant() + "/" + session.deviceId();
    }

    /** The device behind an identity authenticated by a device session. */
    public static DevicePrincipal of(SecurityIdentity identity) {
        return (DevicePrincipal) identity.getPrincipal();
    }

    @Override
    public String toString() {
        return "DevicePrincipal[" + getName() + "]";
    }
}
