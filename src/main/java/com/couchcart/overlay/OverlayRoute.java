package com.couchcart.overlay;

import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.RouteProblems;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.AsciiString;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code GET /api/tv/{tenant}/contents/{contentId}/overlays}: the hottest path of the product, every playing TV
 * asks here. Public and cacheable (a CDN may serve it). A plain Vert.x route on the event loop that sends
 * already-serialized bytes: the REST layer's per-request work would cost it half its throughput.
 * Described in {@code META-INF/openapi.yaml}; counted by {@code couchcart_overlay_reads_total} (the per-request
 * HTTP timers leave this path out, see {@code quarkus.micrometer.binder.http-server.ignore-patterns}).
 */
@ApplicationScoped
public class OverlayRoute {

    static final String PATH = "/api/tv/:tenant/contents/:contentId/overlays";
    private static final AsciiString JSON = AsciiString.cached("application/json");

    private final OverlayReadService service;
    private final RouteProblems problems;
    private final AsciiString cacheControl;
    private final LongAdder answered = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder refused = new LongAdder();

    public OverlayRoute(OverlayReadService service, RouteProblems problems, MeterRegistry registry,
                        @ConfigProperty(name = "couchcart.overlay.cache-control") String cacheControl) {
        this.service = service;
        this.problems = problems;
        this.cacheControl = AsciiString.of(cacheControl);
        count(registry, "200", answered);
        count(registry, "304", notModified);
        count(registry, "4xx", refused);
    }

    /**
     * Ahead of Quarkus' own per-request handlers (the REST layer's observability hook alone costs a sixth of the
     * throughput): this route needs no authentication and no body.
     */
    void install(@Observes Router router) {
        router.route(HttpMethod.GET, PATH).order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1).handler(this::overlays);
    }

    private void overlays(RoutingContext context) {
        HttpServerRequest request = context.request();
        TimelineIndex.Rendered answer;
        try {
            answer = service.read(query(context.pathParam("tenant"), context.pathParam("contentId"), request.query()));
        } catch (ProblemException e) {
            refused.increment();
            problems.send(context, e);
            return;
        }
        var response = context.response()
                .putHeader(HttpHeaders.ETAG, answer.etag())
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && matches(ifNoneMatch, answer.etag().toString())) {
            notModified.increment();
            response.setStatusCode(304).end();
            return;
        }
        answered.increment();
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(answer.buffer());
    }

    /** The read's parameters from the raw query string: cheaper than a decoded multimap of every parameter. */
    static OverlayReadService.Query query(String tenant, String contentId, String rawQuery) {
        String at = null, from = null, to = null, region = null, locale = null;
        if (rawQuery != null) {
            int start = 0;
            while (start <= rawQuery.length()) {
                int end = rawQuery.indexOf('&', start);
                if (end < 0) {
                    end = rawQuery.length();
                }
                int equals = rawQuery.indexOf('=', start);
                if (equals > start && equals < end) {
                    String name = rawQuery.substring(start, equals);
                    String value = decode(rawQuery.substring(equals + 1, end));
                    switch (name) {
                        case "at" -> at = value;
                        case "from" -> from = value;
                        case "to" -> to = value;
                        case "region" -> region = value;
                        case "locale" -> locale = value;
                        default -> { }
                    }
                }
                start = end + 1;
            }
        }
        return new OverlayReadService.Query(tenant, contentId, at, from, to, region, locale);
    }

    private static String decode(String value) {
        return value.indexOf('%') < 0 && value.indexOf('+') < 0 ? value : URLDecoder.decode(value, StandardCharsets.UTF_8);
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

    private static void count(MeterRegistry registry, String status, LongAdder adder) {
        FunctionCounter.builder("couchcart.overlay.reads", adder, LongAdder::doubleValue)
                .description("Overlay reads answered, by status")
                .tag("status", status)
                .register(registry);
    }
}
