package com.couchcart.device;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A device session token to check; its own type so the OIDC provider never sees it. */
public class DeviceSessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public DeviceSessionAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
