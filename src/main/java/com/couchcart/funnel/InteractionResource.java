package com.couchcart.funnel;

import com.couchcart.device.DevicePrincipal;
import com.couchcart.device.DeviceSessionAuthenticationMechanism;
import com.couchcart.overlay.OverlayIndexes;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.Map;

@Path("/api/tv/interactions")
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@RolesAllowed(Roles.DEVICE)
@Tag(name = "TV: overlays")
public class InteractionResource {

    private final FunnelCapture capture;
    private final OverlayIndexes indexes;
    private final SecurityIdentity identity;

    public InteractionResource(FunnelCapture capture, OverlayIndexes indexes, SecurityIdentity identity) {
        this.capture = capture;
        this.indexes = indexes;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report impressions, clicks and holdouts (at most 500 a batch; a bad batch is refused whole)")
    @APIResponse(responseCode = "202", description = "Captured; relayed to Kafka and counted shortly")
    @APIResponse(responseCode = "400", description = "A bad batch, each field named in errors; nothing of it is captured",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "No or an invalid device session",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "503", description = "Redis out of reach: send the batch again after Retry-After",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> report(@Valid @NotNull InteractionBatch batch) {
        var device = DevicePrincipal.of(identity).session();
        Instant received = Instant.now();
        var events = batch.events().stream().map(event -> {
            var promotion = indexes.promotion(event.contentId(), event.overlayId());
            // Holdouts name the product: the report asks whether held-out devices bought it anyway.
            FunnelEventType type = FunnelEventType.ofWire(event.type());
            return new FunnelEvent(type, device.tenant(), device.deviceId(), event.contentId(), event.overlayId(),
                    promotion.campaignId(), event.at(), received, type == FunnelEventType.HOLDOUT ? promotion.sku() : null, null);
        }).toList();
        return capture.capture(device.tenant(), device.deviceId(), events)
                .replaceWith(Response.accepted(Map.of("accepted", events.size())).build());
    }
}
