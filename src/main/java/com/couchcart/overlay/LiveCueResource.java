package com.couchcart.overlay;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.PermitAll;
import com.couchcart.platform.ShuttingDown;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

@Path("/api/tv/{tenant}/channels/{channelId}/cues")
@Tag(name = "TV: overlays")
public class LiveCueResource {

    private final LiveCueService service;
    private final ShuttingDown shuttingDown;
    private final Duration heartbeat;

    public LiveCueResource(LiveCueService service, ShuttingDown shuttingDown,
                           @ConfigProperty(name = "couchcart.sse.heartbeat") Duration heartbeat) {
        this.service = service;
        this.shuttingDown = shuttingDown;
        this.heartbeat = heartbeat;
    }

    @GET
    @PermitAll
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The live cues of a channel, as server-sent events",
            description = "event: cue, data: an overlay plus firedAt, durationMs and remainingMs. Cues still running "
                    + "come first; a comment line every couchcart.sse.heartbeat keeps idle connections open. When the "
                    + "instance stops, a last event 'reconnect' ends the stream.")
    public Multi<OutboundSseEvent> cues(@PathParam("tenant") String tenant, @PathParam("channelId") String channelId,
                                        @QueryParam("region") String region, @QueryParam("locale") String locale,
                                        @Context Sse sse) {
        Multi<OutboundSseEvent> cues = service.subscribe(tenant, channelId, region, locale)
                .map(firing -> sse.newEventBuilder().name("cue").id(firing.id()).data(firing.data()).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat)
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return shuttingDown.endOnShutdown(Multi.createBy().merging().streams(cues, heartbeats), sse);
    }
}
