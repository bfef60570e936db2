package com.couchcart.web;

import com.couchcart.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the demo TV app at {@code /tv/} plays when its address names nothing: the demo tenant, its app key and
 * content. Only while the demo data is loaded (dev mode); a real TV app ships its own brand's key.
 */
@Path("/tv/demo.json")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "TV: demo app")
public class TvDemoResource {

    /** The demo TV app's settings. */
    public record TvDemo(String tenant, String appKey, String contentId, String channelId) {
    }

    private final boolean demo;
    private final String appKey;

    public TvDemoResource(@ConfigProperty(name = "couchcart.demo-data.enabled") boolean demo,
                          @ConfigProperty(name = "couchcart.demo.app-key.hisense") String appKey) {
        this.demo = demo;
        this.appKey = appKey;
    }

    @GET
    @PermitAll
    @Operation(summary = "The demo TV app's tenant, app key and content (404 unless demo data is loaded)")
    public TvDemo demo() {
        if (!demo) {
            throw ProblemException.notFound("No demo data is loaded; give the TV app tenant, key and content in its address.");
        }
        return new TvDemo("hisense", appKey, "vod-kitchen-stories-s1e1", "live-shopping");
    }
}
