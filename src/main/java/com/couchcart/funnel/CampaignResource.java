package com.couchcart.funnel;

import com.couchcart.platform.Upserted;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/campaigns/{id}")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@RolesAllowed(Roles.MERCHANDISER)
@Tag(name = "Admin: campaigns")
public class CampaignResource {

    private final Holdouts campaigns;

    public CampaignResource(Holdouts campaigns) {
        this.campaigns = campaigns;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a campaign: its name and holdout share (0 to 0.5)")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid body, each field named in errors",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "401", description = "No or an invalid staff token",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "403", description = "Not a merchandiser",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> put(@PathParam("id") @Pattern(regexp = com.couchcart.overlay.CueRequest.ID) String id,
                             @Valid @NotNull CampaignRequest request) {
        return campaigns.put(id, request).map(Upserted::toResponse);
    }

    @GET
    @Operation(summary = "A campaign")
    @APIResponse(responseCode = "200", description = "The campaign")
    @APIResponse(responseCode = "404", description = "No such campaign",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Campaign> get(@PathParam("id") String id) {
        return campaigns.find(id).onItem().ifNull().failWith(() -> ProblemException.notFound("No campaign '" + id + "'."));
    }
}
