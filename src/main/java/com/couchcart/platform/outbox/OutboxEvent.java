package com.couchcart.platform.outbox;

import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * An event to publish once the change it announces has committed. {@code id} becomes the CloudEvents id, by
 * which consumers recognise a redelivery; {@code aggregateId} becomes the Kafka key, keeping one aggregate's
 * events in order.
 */
public record OutboxEvent(UUID id, String aggregateType, String aggregateId, String type, String topic,
                          JsonObject payload) {
}
