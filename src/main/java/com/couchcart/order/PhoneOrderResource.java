package com.couchcart.order;

import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/phone/orders")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@Authenticated
@Tag(name = "Phone: orders")
public class PhoneOrderResource {

    private final OrderService service;
    private final SecurityIdentity identity;

    public PhoneOrderResource(OrderService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    /** The signed-in shopper's orders, newest first. */
    @GET
    public Uni<Page<OrderView>> list(@Valid @BeanParam PageRequest pageRequest) {
        return service.listForShopper(identity.getPrincipal().getName(), pageRequest);
    }

    /** One of the signed-in shopper's orders; another shopper's answers 404. */
    @GET
    @Path("{id}")
    public Uni<OrderView> get(@PathParam("id") String id) {
        return service.findForShopper(identity.getPrincipal().getName(), id);
    }
}
