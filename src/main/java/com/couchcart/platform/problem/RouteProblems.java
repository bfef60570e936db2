package com.couchcart.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Problem answers for the plain Vert.x routes (the REST resources have {@link ProblemMappers}), among them the
 * 404 for requests that no route matched.
 */
@ApplicationScoped
public class RouteProblems {

    private final ObjectMapper mapper;

    public RouteProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(this::notFound);
    }

    private void notFound(RoutingContext context) {
        send(context, Problems.of(404, Problems.detailFor(404, context.request()), context.request().path()));
    }

    /** Answers a Vert.x route's request with a problem document. */
    public void send(RoutingContext context, Problem problem) {
        try {
            context.response()
                    .setStatusCode(problem.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    /** Answers a Vert.x route's request with the problem a {@link ProblemException} describes. */
    public void send(RoutingContext context, ProblemException e) {
        e.headers().forEach(context.response()::putHeader);
        send(context, Problems.of(e.type(), e.getMessage(), context.request().path(), e.errors()));
    }
}
