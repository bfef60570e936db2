package com.couchcart.overlay;

import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/channels/{id}/cues")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Admin: live")
public class ChannelAdminResource {

    private final LiveCueService service;

    public ChannelAdminResource(LiveCueService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fire a cue on a live channel",
            description = "A prepared cue of the channel ({\"cueId\"}) or an inline one, with durationMs.")
    public Uni<Response> fire(@PathParam("id") String channelId, @Valid @NotNull FireRequest request) {
        return service.fire(channelId, request).map(fired -> Response.accepted(fired).build());
    }
}
