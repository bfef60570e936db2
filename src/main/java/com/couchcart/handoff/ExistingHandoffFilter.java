package com.couchcart.handoff;

import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Map;

/** Answers 404 for the methods marked {@link ExistingHandoff} when the handoff of the path's id does not exist. */
class ExistingHandoffFilter {

    private final HandoffService handoffs;

    ExistingHandoffFilter(HandoffService handoffs) {
        this.handoffs = handoffs;
    }

    @ExistingHandoff
    @ServerRequestFilter
    Uni<Response> requireHandoff(UriInfo uri) {
        return handoffs.find(uri.getPathParameters().getFirst("id"))
                .replaceWith((Response) null)
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    ProblemException problem = (ProblemException) failure;
                    return Problems.response(problem.type(), problem.getMessage(), uri.getPath(), null, Map.of());
                });
    }
}
