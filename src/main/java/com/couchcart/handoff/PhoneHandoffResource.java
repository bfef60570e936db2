package com.couchcart.handoff;

import com.couchcart.platform.ClientAddress;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/phone/handoffs")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@Authenticated
@Tag(name = "Phone: handoff and checkout")
public class PhoneHandoffResource {

    private final HandoffService service;
    private final SecurityIdentity identity;

    public PhoneHandoffResource(HandoffService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("claim")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Claim the handoff a TV shows, and read what it would order",
            description = "The code matches with or without its dash, in any case. Wrong codes are limited per "
                    + "shopper and per client address (429 with Retry-After past the limit); an expired or used "
                    + "code answers 410, one claimed on another phone 409.")
    public Uni<Confirmation> claim(@Valid @NotNull ClaimRequest request, @Context HttpServerRequest http) {
        return service.claim(identity.getPrincipal().getName(), ClientAddress.of(http), request.userCode());
    }
}
