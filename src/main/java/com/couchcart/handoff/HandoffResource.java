package com.couchcart.handoff;

import com.couchcart.device.DevicePrincipal;
import com.couchcart.device.DeviceSessionAuthenticationMechanism;
import com.couchcart.platform.ShuttingDown;
import com.couchcart.platform.Streams;
import com.couchcart.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.net.URI;
import java.time.Duration;

/**
 * The TV's side of the handoff. The QR images and the event stream are loaded by {@code <img>} and
 * {@code EventSource}, which cannot send a session header: the handoff id in their path (192 random bits only
 * the TV was given) is their credential. The JSON status needs the device session.
 */
@Path("/api/tv/handoffs")
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@Tag(name = "TV: handoff")
public class HandoffResource {

    private static final String ID = "{id: [A-Za-z0-9_-]{1,64}}";
    /** Handoff ids are secrets: images must not be kept by shared caches. */
    private static final String PRIVATE = "private, max-age=600";

    private final HandoffService service;
    private final SecurityIdentity identity;
    private final ShuttingDown shuttingDown;
    private final Duration heartbeat;

    public HandoffResource(HandoffService service, SecurityIdentity identity, ShuttingDown shuttingDown,
                           @ConfigProperty(name = "couchcart.sse.heartbeat") Duration heartbeat) {
        this.service = service;
        this.identity = identity;
        this.shuttingDown = shuttingDown;
        this.heartbeat = heartbeat;
    }

    @POST
    @RolesAllowed(Roles.DEVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a handoff of the cart to a phone (the TV's previous one is cancelled)")
    public Uni<RestResponse<HandoffCreated>> create(@Context UriInfo uri) {
        return service.create(DevicePrincipal.of(identity).session(), uri.getBaseUri())
                .map(created -> RestResponse.ResponseBuilder.<HandoffCreated>created(
                        URI.create("/api/tv/handoffs/" + created.handoffId())).entity(created).build());
    }

    @GET
    @Path(ID)
    @RolesAllowed(Roles.DEVICE)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Poll the status (at most once per interval; faster answers 429 slow-down)")
    public Uni<HandoffView> status(@PathParam("id") String id) {
        return service.poll(DevicePrincipal.of(identity).session(), id);
    }

    @GET
    @Path(ID + "/events")
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The status as server-sent events (event: status), ending after a final one",
            description = "Authorized by the handoff id. A comment line every couchcart.sse.heartbeat keeps it open.")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @ExistingHandoff
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        Multi<OutboundSseEvent> statuses = service.find(id).onItem().transformToMulti(service::follow)
                .map(view -> sse.newEventBuilder().name("status").id(view.status().name()).data(view).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return shuttingDown.endOnShutdown(Streams.through(Multi.createBy().merging().streams(statuses, heartbeats),
                event -> event.getData() instanceof HandoffView view && view.status().isFinal()), sse);
    }

    @GET
    @Path(ID + "/qr.png")
    @PermitAll
    @Produces("image/png")
    @Operation(summary = "The QR code of verificationUriComplete, size × size pixels, quiet zone included")
    public Uni<RestResponse<byte[]>> png(@PathParam("id") String id,
                                         @QueryParam("size") @DefaultValue("512") @Min(QrCodes.MIN_SIZE) @Max(QrCodes.MAX_SIZE) int size) {
        return service.find(id).map(handoff -> RestResponse.ResponseBuilder.ok(QrCodes.png(handoff.link(), size), "image/png")
                .header(HttpHeaders.CACHE_CONTROL, PRIVATE).build());
    }

    @GET
    @Path(ID + "/qr.svg")
    @PermitAll
    @Produces("image/svg+xml")
    @Operation(summary = "The QR code of verificationUriComplete as SVG, drawn at size × size pixels")
    public Uni<RestResponse<String>> svg(@PathParam("id") String id,
                                         @QueryParam("size") @DefaultValue("512") @Min(QrCodes.MIN_SIZE) @Max(QrCodes.MAX_SIZE) int size) {
        return service.find(id).map(handoff -> RestResponse.ResponseBuilder.ok(QrCodes.svg(handoff.link(), size), "image/svg+xml")
                .header(HttpHeaders.CACHE_CONTROL, PRIVATE).build());
    }
}
