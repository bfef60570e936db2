package com.couchcart.platform;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends event streams well when the instance stops: as soon as shutdown begins (readiness is DOWN for
 * {@code quarkus.shutdown.delay} while the load balancer stops sending traffic), every open stream gets a last
 * event, {@code reconnect}, with a short retry time, and ends; the client's EventSource reconnects to another
 * instance. Ordinary requests in flight are left to finish ({@code quarkus.shutdown.timeout}), and connections are
 * not kept alive any more.
 */
@ApplicationScoped
public class ShuttingDown {

    /** How soon a client reconnects after the farewell event. */
    static final long RECONNECT_MS = 1000;

    private final BroadcastProcessor<Boolean> signal = BroadcastProcessor.create();
    private final AtomicBoolean started = new AtomicBoolean();

    void delayInitiated(@Observes ShutdownDelayInitiatedEvent event) {
        begin();
    }

    void shutdown(@Observes ShutdownEvent event) {
        begin();
    }

    /**
     * While the instance drains, every answer closes its connection, so clients open their next one elsewhere and
     * no idle keep-alive connection is left for the listener to cut under a request being sent.
     */
    void closeConnectionsWhileDraining(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (started.get()) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            context.next();
        });
    }

    private void begin() {
        if (started.compareAndSet(false, true)) {
            signal.onNext(true);
            signal.onComplete();
        }
    }

    /** The stream until shutdown begins, then the farewell event; the merged stream ends after it. */
    public Multi<OutboundSseEvent> endOnShutdown(Multi<OutboundSseEvent> stream, Sse sse) {
        if (started.get()) {
            return Multi.createFrom().item(farewell(sse));
        }
        return Streams.endingOn(stream, signal, farewell(sse));
    }

    private static OutboundSseEvent farewell(Sse sse) {
        return sse.newEventBuilder().name("reconnect").reconnectDelay(RECONNECT_MS)
                .data("This instance is stopping; reconnect.").build();
    }
}
