package com.couchcart.funnel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The funnel's stream processor (Kafka Streams, exactly once): funnel events, each let through once
 * ({@link FirstDelivery}), are counted per hour (their occurrence time) and row (tenant, campaign, content,
 * overlay) into {@code couchcart.funnel.hourly}, each update the row's absolute counts; each UTC day's reach of a
 * row goes to {@code couchcart.funnel.daily}; holdout events go on to {@code couchcart.funnel.holdouts}. The {@link FunnelSink} keeps both in PostgreSQL for the reports. Work spreads
 * over instances by partition.
 */
@ApplicationScoped
public class FunnelTopology {

    static final String INTERACTIONS = "couchcart.overlay-interactions";
    static final String HOURLY = "couchcart.funnel.hourly";
    static final String HOLDOUTS = "couchcart.funnel.holdouts";
    static final String DAILY = "couchcart.funnel.daily";
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    @Produces
    Topology funnel(FunnelConfig config) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(FirstDelivery.SEEN,
                config.dedupeWindow().multipliedBy(2), config.dedupeWindow(), false), Serdes.String(), Serdes.Long()));
        var events = builder.stream(INTERACTIONS, Consumed.with(Serdes.String(), Serdes.String())
                        .withTimestampExtractor(new EventTime()))
                .process(() -> new FirstDelivery(config.dedupeWindow()), FirstDelivery.SEEN);
        events.filter((device, event) -> event.type() == FunnelEventType.HOLDOUT)
                .to(HOLDOUTS, Produced.with(Serdes.String(), FunnelSerdes.events()));
        var hourly = events.groupBy((device, event) -> row(event), Grouped.with("funnel-rows", Serdes.String(), FunnelSerdes.events()))
                .windowedBy(TimeWindows.ofSizeAndGrace(HOUR, config.lateness()))
                .aggregate(() -> HourlyCounts.NONE, (row, event, counts) -> counts.add(event),
                        Materialized.<String, HourlyCounts, WindowStore<Bytes, byte[]>>as("funnel-hourly-counts")
                                .withKeySerde(Serdes.String()).withValueSerde(FunnelSerdes.counts())
                                .withRetention(HOUR.plus(config.lateness())))
                .toStream();
        hourly.selectKey((window, counts) -> Instant.ofEpochMilli(window.window().start()) + "|" + window.key())
                .to(HOURLY, Produced.with(Serdes.String(), FunnelSerdes.counts()));
        // A day's reach: each hourly update's sketch merged into the day's (a union: merging one twice changes nothing).
        hourly.groupBy((window, counts) -> window.key(), Grouped.with("funnel-days", Serdes.String(), FunnelSerdes.counts()))
                .windowedBy(TimeWindows.ofSizeAndGrace(DAY, config.lateness()))
                .aggregate(() -> Sketch.EMPTY, (row, counts, reach) -> reach.merge(counts.reach()),
                        Materialized.<String, Sketch, WindowStore<Bytes, byte[]>>as("funnel-daily-reach")
                                .withKeySerde(Serdes.String()).withValueSerde(FunnelSerdes.sketches())
                                .withRetention(DAY.plus(config.lateness())))
                .toStream((window, reach) -> Instant.ofEpochMilli(window.window().start()) + "|" + window.key())
                .to(DAILY, Produced.with(Serdes.String(), FunnelSerdes.sketches()));
        return builder.build();
    }

    /** The row an event counts in: {@code tenant|campaign|content|overlay}, '' for what it does not name. */
    static String row(FunnelEvent event) {
        return event.tenant() + "|" + Objects.toString(event.campaignId(), "") + "|"
                + Objects.toString(event.contentId(), "") + "|" + Objects.toString(event.overlayId(), "");
    }
}
