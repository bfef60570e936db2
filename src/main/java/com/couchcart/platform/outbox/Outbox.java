package com.couchcart.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The transactional outbox: events are written in the transaction of the change they announce, so either both
 * exist or neither; a relay publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    /** Adds an event to the outbox, on the connection of the transaction that makes the change. */
    public Uni<Void> append(SqlConnection transaction, OutboxEvent event) {
        return transaction.preparedQuery("""
                        insert into outbox_event (id, aggregate_type, aggregate_id, type, topic, payload)
                        values ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.from(new Object[] {event.id(), event.aggregateType(), event.aggregateId(), event.type(),
                        event.topic(), event.payload()}))
                .replaceWithVoid();
    }
}
