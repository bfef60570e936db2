package com.couchcart.order;

import com.couchcart.platform.idempotency.IdempotencyKeys;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/phone/checkouts")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@Authenticated
@Tag(name = "Phone: handoff and checkout")
public class CheckoutResource {

    /** Marks an answer replayed for a repeated Idempotency-Key. */
    static final String REPLAYED = "Idempotent-Replayed";

    private final CheckoutService service;
    private final SecurityIdentity identity;

    public CheckoutResource(CheckoutService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Order the cart of the handoff you claimed (201 with the order)",
            description = "Idempotency-Key is required: the same key and body replay the first answer "
                    + "(Idempotent-Replayed: true), the same key with another body answers 422. Not enough stock "
                    + "answers 409 naming the lines, with nothing reserved.")
    public Uni<Response> checkout(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                  @Valid @NotNull CheckoutRequest request) {
        return service.checkout(identity.getPrincipal().getName(), idempotencyKey, request)
                .map(answer -> Response.status(answer.status())
                        .location(URI.create(answer.location()))
                        .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                        .header(REPLAYED, answer.replayed() ? "true" : null)
                        .entity(answer.body())
                        .build());
    }
}
