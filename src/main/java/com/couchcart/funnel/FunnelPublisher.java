package com.couchcart.funnel;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends funnel events to {@code couchcart.overlay-interactions} as CloudEvents in binary mode ({@code ce_*} headers,
 * the JSON data as the value), keyed by device, through the idempotent producer ({@code acks=all}) of the channel
 * {@code overlay-interactions}. A relay batch goes to the producer in one hop, not as one message a record: the
 * events are many and small, and the per-message trip through the messaging layer cost more than the send.
 */
@ApplicationScoped
class FunnelPublisher {

    static final String SOURCE = "/couchcart/tv";

    /** An event to send, with the id it keeps across resends. */
    record Outgoing(String id, FunnelEvent event) {
    }

    private final KafkaClientService kafka;
    private volatile KafkaProducer<String, String> producer;

    FunnelPublisher(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    /** Sends every event; answers, in order, whether the broker acknowledged each one. */
    Uni<boolean[]> send(List<Outgoing> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new boolean[0]);
        }
        return Uni.createFrom().emitter(emitter -> {
            boolean[] acknowledged = new boolean[events.size()];
            AtomicInteger waiting = new AtomicInteger(events.size());
            Runnable oneLess = () -> {
                if (waiting.decrementAndGet() == 0) {
                    emitter.complete(acknowledged);
                }
            };
            producer().runOnSendingThread(sending -> {
                boolean taking = true;
                for (int i = 0; i < events.size(); i++) {
                    int index = i;
                    if (taking) {
                        try {
                            sending.send(record(events.get(i)), (metadata, error) -> {
                                acknowledged[index] = error == null;
                                oneLess.run();
                            });
                            continue;
                        } catch (RuntimeException refused) {
                            // Not taken (no metadata within max.block.ms, the buffer full: Kafka is away). Each further
                            // send would wait as long: the rest of the batch goes again later.
                            taking = false;
                        }
                    }
                    oneLess.run();
                }
            }).subscribe().with(ignored -> { }, emitter::fail);
        });
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = kafka.getProducer("overlay-interactions");
        }
        return producer;
    }

    private static ProducerRecord<String, String> record(Outgoing outgoing) {
        FunnelEvent event = outgoing.event();
        RecordHeaders headers = new RecordHeaders();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", outgoing.id());
        header(headers, "ce_source", SOURCE);
        header(headers, "ce_type", event.type().cloudEventType());
        if (event.overlayId() != null) {
            header(headers, "ce_subject", event.overlayId());
        }
        header(headers, "ce_time", event.occurredAt().toString());
        header(headers, "content-type", "application/json");
        // The record time is when it happened: the stream processor counts it in that hour.
        return new ProducerRecord<>(FunnelTopology.INTERACTIONS, null, event.occurredAt().toEpochMilli(), event.key(),
                event.data().encode(), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
