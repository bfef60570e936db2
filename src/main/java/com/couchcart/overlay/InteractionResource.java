package com.couchcart.overlay;

import com.couchcart.device.DevicePrincipal;
import com.couchcart.device.DeviceSessionAuthenticationMechanism;
import com.couchcart.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;

@Path("/api/tv/interactions")
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@RolesAllowed(Roles.DEVICE)
@Tag(name = "TV: overlays")
public class InteractionResource {

    private final InteractionPublisher publisher;
    private final OverlayIndexes indexes;
    private final SecurityIdentity identity;

    public InteractionResource(InteractionPublisher publisher, OverlayIndexes indexes, SecurityIdentity identity) {
        this.publisher = publisher;
        this.indexes = indexes;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report impressions and clicks (at most 500 a batch; a bad batch is refused whole)")
    public Uni<Response> report(@Valid @NotNull InteractionBatch batch) {
        var device = DevicePrincipal.of(identity).session();
        Instant received = Instant.now();
        var interactions = batch.events().stream().map(event -> new InteractionPublisher.Interaction(
                event.type(), device.tenant(), device.deviceId(), event.overlayId(), event.contentId(), event.at(),
                indexes.campaignOf(event.contentId(), event.overlayId()), received)).toList();
        return publisher.publish(interactions)
                .replaceWith(Response.accepted(Map.of("accepted", interactions.size())).build());
    }
}
