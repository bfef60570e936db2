package com.couchcart.device;

import com.couchcart.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/tv/sessions")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@Tag(name = "TV: device sessions")
public class SessionResource {

    private final SessionService service;
    private final SecurityIdentity identity;

    public SessionResource(SessionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** Opens a session for a TV of the tenant whose app key it presents. */
    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> open(@HeaderParam("X-Tenant-Key") String appKey, @Valid @NotNull SessionRequest request) {
        return service.open(appKey, request).map(created -> Response
                .created(URI.create("/api/tv/sessions/current"))
                .entity(created)
                .build());
    }

    @GET
    @Path("current")
    @RolesAllowed(Roles.DEVICE)
    public Uni<SessionInfo> current() {
        DevicePrincipal device = DevicePrincipal.of(identity);
        return service.describe(device.token(), device.session());
    }

    /** Ends the session (the device's cart stays: it belongs to the device, not the session). */
    @DELETE
    @Path("current")
    @RolesAllowed(Roles.DEVICE)
    public Uni<Response> end() {
        return service.end(DevicePrincipal.of(identity).token()).replaceWith(Response.noContent().build());
    }
}
