package com.couchcart.overlay;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Publishes overlay interactions (impressions, clicks, cart adds) to Kafka {@code couchcart.overlay-interactions}
 * as CloudEvents keyed by the overlay id, for the campaign funnel.
 */
@ApplicationScoped
public class InteractionPublisher {

    static final URI SOURCE = URI.create("/couchcart/tv");

    /** The event's data: who interacted with which overlay, where in the content, and when. */
    @RegisterForReflection(registerFullHierarchy = true) // serialized by the Kafka ObjectMapperSerializer
    public record Interaction(String type, String tenant, String deviceId, String overlayId, String contentId,
                              Long at, String campaignId, Instant occurredAt) {

        String cloudEventType() {
            return "com.couchcart.overlay." + type + ".v1";
        }
    }

    private final MutinyEmitter<Interaction> emitter;

    public InteractionPublisher(@Channel("overlay-interactions") MutinyEmitter<Interaction> emitter) {
        this.emitter = emitter;
    }

    /** Sends every interaction; completes when Kafka has acknowledged them all. */
    public Uni<Void> publish(List<Interaction> interactions) {
        if (interactions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(interactions.stream().map(this::send).toList()).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(Interaction interaction) {
        Message<Interaction> message = Message.of(interaction)
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString())
                        .withSource(SOURCE)
                        .withType(interaction.cloudEventType())
                        .withSubject(interaction.overlayId())
                        .withTimestamp(interaction.occurredAt().atZone(ZoneOffset.UTC))
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(interaction.overlayId()).build());
        return emitter.sendMessage(message);
    }
}
