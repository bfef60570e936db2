package com.couchcart.order;

import com.couchcart.platform.IncomingCloudEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;

/**
 * Reads {@code couchcart.fulfillment}. A record is acknowledged (and its offset committed) once its change is
 * durable; one that cannot be read, names an unknown order or keeps failing goes to
 * {@code couchcart.fulfillment.dlq} with the reason in the {@code dead-letter-reason} header (SmallRye's
 * dead-letter strategy), so a poison record never stalls the partition.
 */
@ApplicationScoped
public class FulfillmentConsumer {

    private final FulfillmentService service;
    private final ObjectMapper mapper;
    private final int attempts;

    public FulfillmentConsumer(FulfillmentService service, ObjectMapper mapper,
                               @ConfigProperty(name = "couchcart.fulfillment.attempts") int attempts) {
        this.service = service;
        this.mapper = mapper;
        this.attempts = attempts;
    }

    @Incoming("fulfillment")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        FulfillmentUpdate update = FulfillmentUpdate.of(IncomingCloudEvent.read(record.headers(), record.value(), mapper));
        return service.apply(update)
                // A database out of reach is worth a few more tries; an unreadable event is not.
                .onFailure(failure -> !(failure instanceof IncomingCloudEvent.Unreadable))
                .retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).atMost(attempts - 1)
                .replaceWithVoid();
    }
}
