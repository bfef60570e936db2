package com.couchcart.device;

import com.couchcart.platform.security.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a device session token into the TV's identity, with role {@link Roles#DEVICE}. */
@ApplicationScoped
public class DeviceSessionIdentityProvider implements IdentityProvider<DeviceSessionAuthenticationRequest> {

    private final SessionStore store;

    public DeviceSessionIdentityProvider(SessionStore store) {
        this.store = store;
    }

    @Override
    public Class<DeviceSessionAuthenticationRequest> getRequestType() {
        return DeviceSessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(DeviceSessionAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        return store.find(request.token()).map(session -> {
            if (session == null) {
                throw new AuthenticationFailedException("Unknown or expired device session");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new DevicePrincipal(request.token(), session))
                    .addRole(Roles.DEVICE)
                    .build();
        });
    }
}
