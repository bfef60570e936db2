package com.couchcart.funnel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.ZoneOffset;

/**
 * Sends funnel events to {@code couchcart.overlay-interactions} as CloudEvents (binary mode), keyed by device,
 * through an idempotent producer ({@code acks=all}).
 */
@ApplicationScoped
class FunnelPublisher {

    static final URI SOURCE = URI.create("/couchcart/tv");

    private final MutinyEmitter<String> emitter;

    // The relay bounds what is in flight (shards × batch size); the emitter must not refuse any of it.
    FunnelPublisher(@Channel("overlay-interactions") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                    MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Sends one event with the id it keeps across resends; completes when the broker has acknowledged it. */
    Uni<Void> send(String id, FunnelEvent event) {
        return emitter.sendMessage(Message.of(event.data().encode())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(id)
                        .withSource(SOURCE)
                        .withType(event.type().cloudEventType())
                        .withSubject(event.overlayId())
                        .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                // The record time is when it happened: the stream processor counts it in that hour.
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key())
                        .withTimestamp(event.occurredAt()).build()));
    }
}
