package com.couchcart.overlay;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/admin/contents/{id}")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@RolesAllowed({Roles.MERCHANDISER, Roles.OPERATOR})
@Tag(name = "Admin: contents and timelines")
public class ContentAdminResource {

    static final String ID = "[A-Za-z0-9._-]{1,64}";

    private final TimelineService service;

    public ContentAdminResource(TimelineService service) {
        this.service = service;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MERCHANDISER)
    @Operation(summary = "Create or update a content (VOD with its duration, or a LIVE channel)")
    public Uni<Response> put(@PathParam("id") @Pattern(regexp = ID) String id, @Valid @NotNull ContentRequest request) {
        return service.putContent(id, request).map(Upserted::toResponse);
    }

    @GET
    @Operation(summary = "Read a content")
    public Uni<ContentView> get(@PathParam("id") String id) {
        return service.find(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No content '" + id + "'.");
            }
            return ContentView.of(found.getKey());
        });
    }

    @PUT
    @Path("timeline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MERCHANDISER)
    @Operation(summary = "Replace the whole timeline of cues",
            description = "Checked as one unit; a rejected timeline changes nothing and every offending cue is listed.")
    public Uni<ContentView> putTimeline(@PathParam("id") String id, @Valid @NotNull TimelineRequest request) {
        return service.replaceTimeline(id, request);
    }

    @GET
    @Path("timeline")
    @Operation(summary = "Read the timeline as authored (every cue, whoever it targets)")
    public Uni<List<CueView>> getTimeline(@PathParam("id") String id) {
        return service.find(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No content '" + id + "'.");
            }
            return found.getValue().stream().sorted(TimelineIndex.BY_START).map(CueView::of).toList();
        });
    }
}
