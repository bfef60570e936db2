package com.couchcart.funnel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** Settings of campaign measurement ({@code couchcart.funnel.*}). */
@ConfigMapping(prefix = "couchcart.funnel")
public interface FunnelConfig {

    /**
     * Funnel events are captured in this many Redis streams, each in a hash slot of its own, beside the carts of
     * the devices hashed to it. Fixed once a deployment holds carts: carts live in their shard's slot.
     */
    @WithDefault("16")
    @Min(1) @Max(1024)
    int shards();

    /** The most entries a stream holds while the relay cannot move them to Kafka; later events are dropped (counted). */
    @WithDefault("1000000")
    @Min(1000)
    int streamMaxLength();

    Relay relay();

    /** How often the backlog and the dropped events are measured ({@code couchcart_funnel_backlog}, …). */
    @WithDefault("5s")
    Duration backlogInterval();

    /**
     * How long the stream processor remembers an event's id: a copy sent again within it is counted once. Relays
     * send again within seconds (a failed send) or {@code relay.claim-after} (a relay died); longer only when
     * Redis stays away longer than this after Kafka acknowledged.
     */
    @WithDefault("PT1H")
    Duration dedupeWindow();

    /** Events that arrive later than this after newer ones (a long outage) are no longer counted in their hour. */
    @WithDefault("P1D")
    Duration lateness();

    /** An order line counts for the overlay and campaign that led to it when it was added at most this long before. */
    @WithDefault("P14D")
    Duration attributionWindow();

    interface Relay {

        /** Entries a relay takes from one stream at a time. */
        @WithDefault("500")
        @Min(1) @Max(10000)
        int batchSize();

        /** How often an idle relay looks for new entries. */
        @WithDefault("100ms")
        Duration pollInterval();

        /** Entries another relay took and has not acknowledged for this long are taken over (it died, say). */
        @WithDefault("30s")
        Duration claimAfter();

        /**
         * A relay that has held nothing and read nothing for this long is gone (its instance stopped): it is taken
         * off the streams' consumer groups.
         */
        @WithDefault("PT1H")
        Duration forgetAfter();

        /** After a failed round (Kafka away) the relay waits 0.2 s, doubling up to this. */
        @WithDefault("30s")
        Duration maxBackoff();
    }
}
