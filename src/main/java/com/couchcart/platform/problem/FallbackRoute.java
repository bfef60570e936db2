package com.couchcart.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Answers requests that no route matched (unknown paths outside the REST resources) with a 404 problem. */
@ApplicationScoped
public class FallbackRoute {

    private final ObjectMapper mapper;

    public FallbackRoute(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(this::notFound);
    }

    private void notFound(RoutingContext context) {
        Problem problem = Problems.of(404, Problems.detailFor(404, context.request()), context.request().path());
        try {
            context.response()
                    .setStatusCode(problem.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
