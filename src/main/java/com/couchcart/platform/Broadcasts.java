package com.couchcart.platform;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Messages to every instance of the service (Redis pub/sub): "this changed, look again". Pub/sub may drop a
 * message (a reconnect, a restart); whoever listens also checks for missed changes on its own.
 */
@ApplicationScoped
public class Broadcasts {

    private static final String PREFIX = "couchcart:broadcast:";
    private static final Logger LOG = Logger.getLogger(Broadcasts.class);

    private final ReactivePubSubCommands<String> pubsub;

    public Broadcasts(ReactiveRedisDataSource redis) {
        this.pubsub = redis.pubsub(String.class);
    }

    public Uni<Void> publish(String topic, String message) {
        return pubsub.publish(PREFIX + topic, message);
    }

    /** The messages of a topic from now on; resubscribes after a failure. */
    public Multi<String> subscribe(String topic) {
        return pubsub.subscribe(PREFIX + topic)
                .onFailure().retry().withBackOff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(5))
                .indefinitely();
    }

    /**
     * Keeps an instance's in-memory copy of something fresh: loads it now, then again whenever any instance
     * announces a change on the topic.
     */
    public void keepFresh(String topic, Supplier<Uni<Void>> refresh) {
        refresh.get().await().indefinitely();
        follow(topic, message -> refresh.get());
    }

    /** Refreshes this instance's copy at once, then tells the other instances to refresh theirs. */
    public Uni<Void> announce(String topic, Supplier<Uni<Void>> refresh) {
        return refresh.get().call(() -> publish(topic, "changed"));
    }

    /** Handles every message of a topic, one after the other, for as long as the service runs. */
    public void follow(String topic, Function<String, Uni<Void>> handler) {
        subscribe(topic).onItem().transformToUniAndConcatenate(message -> handler.apply(message))
                .subscribe().with(ignored -> { }, failure -> LOG.errorf(failure, "Broadcasts of %s stopped", topic));
    }
}
