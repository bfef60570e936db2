package com.couchcart.platform;

import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.util.Map;

/** A dependency out of reach (Redis, say) is a temporary condition a client can retry: 503, never a 500. */
public final class Unavailable {

    private static final Logger LOG = Logger.getLogger(Unavailable.class);

    private Unavailable() {
    }

    /** Turns any failure of {@code operation} but a {@link ProblemException} into a 503 problem about {@code what}. */
    public static <T> Uni<T> guard(String what, Uni<T> operation) {
        return operation.onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
            LOG.warnf("%s unavailable: %s", what, failure.toString());
            return new ProblemException(ProblemType.UNAVAILABLE, what + " are unavailable for a moment; try again.",
                    null, Map.of("Retry-After", "2"));
        });
    }
}
