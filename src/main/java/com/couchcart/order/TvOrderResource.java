package com.couchcart.order;

import com.couchcart.device.DevicePrincipal;
import com.couchcart.device.DeviceSessionAuthenticationMechanism;
import com.couchcart.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tv/orders")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@RolesAllowed(Roles.DEVICE)
@Tag(name = "TV: handoff")
public class TvOrderResource {

    private final OrderService service;
    private final SecurityIdentity identity;

    public TvOrderResource(OrderService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An order placed from this TV (the confirmation screen); others answer 404")
    public Uni<OrderView> get(@PathParam("id") String id) {
        return service.findForDevice(DevicePrincipal.of(identity).session(), id);
    }
}
