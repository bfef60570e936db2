package com.couchcart.funnel;

import com.couchcart.device.DevicePrincipal;
import com.couchcart.device.DeviceSessionAuthenticationMechanism;
import com.couchcart.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Tells a TV which campaigns it is held out of: it shows none of their overlays and reports a {@code holdout}
 * where it would have. Overlay reads stay the same for everyone (public and cacheable); the TV filters.
 */
@Path("/api/tv/holdouts")
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@RolesAllowed(Roles.DEVICE)
@Tag(name = "TV: overlays")
public class HoldoutResource {

    /** The answer: campaign ids. */
    public record HeldOut(List<String> campaigns) {
    }

    private final Holdouts holdouts;
    private final SecurityIdentity identity;

    public HoldoutResource(Holdouts holdouts, SecurityIdentity identity) {
        this.holdouts = holdouts;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The campaigns this device is held out of (stable per device and campaign)")
    @APIResponse(responseCode = "200", description = "Campaign ids")
    @APIResponse(responseCode = "401", description = "No or an invalid device session",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public HeldOut get() {
        return new HeldOut(holdouts.heldOut(DevicePrincipal.of(identity).session().deviceId()));
    }
}
