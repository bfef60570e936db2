package com.couchcart.overlay;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The hottest path of the product: every playing TV asks here. Public and cacheable (a CDN may serve it),
 * answered on the event loop from already-serialized bytes.
 */
@Path("/api/tv/{tenant}/contents/{contentId}/overlays")
@Tag(name = "TV: overlays")
public class OverlayResource {

    private final OverlayReadService service;
    private final String cacheControl;

    public OverlayResource(OverlayReadService service,
                           @ConfigProperty(name = "couchcart.overlay.cache-control") String cacheControl) {
        this.service = service;
        this.cacheControl = cacheControl;
    }

    @GET
    @PermitAll
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The overlays at a media time, or in a window for prefetch",
            description = "?at=MS: cues with startMs <= at < endMs, highest priority first. ?from=MS&to=MS: every cue "
                    + "intersecting [from, to), in order of start (window at most couchcart.overlay.max-window). "
                    + "Conditional requests (If-None-Match) answer 304.")
    public RestResponse<byte[]> overlays(@PathParam("tenant") String tenant,
                                         @PathParam("contentId") String contentId,
                                         @QueryParam("at") @Parameter(description = "media time, ms") String at,
                                         @QueryParam("from") @Parameter(description = "window start, ms (inclusive)") String from,
                                         @QueryParam("to") @Parameter(description = "window end, ms (exclusive)") String to,
                                         @QueryParam("region") @Parameter(description = "ISO 3166-2, e.g. CN-ZJ") String region,
                                         @QueryParam("locale") @Parameter(description = "BCP 47, e.g. zh-CN") String locale,
                                         @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        TimelineIndex.Rendered answer = service.read(
                new OverlayReadService.Query(tenant, contentId, at, from, to, region, locale));
        if (ifNoneMatch != null && matches(ifNoneMatch, answer.etag())) {
            return RestResponse.ResponseBuilder.<byte[]>create(RestResponse.Status.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, answer.etag())
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .build();
        }
        return RestResponse.ResponseBuilder.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, answer.etag())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }

    /** If-None-Match: a list of entity tags, or "*" (RFC 9110 §13.1.2, weak comparison). */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
