package com.couchcart.order;

import com.couchcart.catalog.ProductCatalog;
import com.couchcart.platform.IncomingCloudEvent;
import com.couchcart.platform.outbox.Outbox;
import com.couchcart.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Moves orders along as fulfillment reports them. Each event is applied in one transaction that also records its
 * id (so a redelivery changes nothing), changes the order, gives back the stock of a cancelled one and writes the
 * {@code status-changed} event to the outbox. A move the order cannot make is ignored.
 */
@ApplicationScoped
public class FulfillmentService {

    static final String CONSUMER = "fulfillment";
    private static final Logger LOG = Logger.getLogger(FulfillmentService.class);

    /** What became of an event. */
    enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ProductCatalog catalog;
    private final MeterRegistry registry;

    public FulfillmentService(Pool pool, Outbox outbox, OutboxRelay relay, ProductCatalog catalog, MeterRegistry registry) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.catalog = catalog;
        this.registry = registry;
    }

    Uni<Outcome> apply(FulfillmentUpdate update) {
        return pool.withTransaction(transaction -> transaction
                        .preparedQuery("insert into processed_event (consumer, event_id) values ($1, $2) on conflict do nothing")
                        .execute(Tuple.of(CONSUMER, update.eventId()))
                        .flatMap(recorded -> recorded.rowCount() == 0
                                ? Uni.createFrom().item(Outcome.DUPLICATE)
                                : change(transaction, update)))
                .call(outcome -> {
                    registry.counter("couchcart.fulfillment.events", "outcome", outcome.name().toLowerCase()).increment();
                    if (outcome != Outcome.APPLIED) {
                        LOG.infof("Fulfillment event %s for order %s: %s", update.eventId(), update.orderId(), outcome);
                        return Uni.createFrom().voidItem();
                    }
                    relay.wake();
                    // The change is committed; a lost stock notice is caught up by the catalogue's own refresh.
                    return update.status() == OrderStatus.CANCELLED
                            ? catalog.changed().onFailure().recoverWithNull() : Uni.createFrom().voidItem();
                });
    }

    private Uni<Outcome> change(SqlConnection transaction, FulfillmentUpdate update) {
        return transaction.preparedQuery("select status, number, tenant_id from orders where id = $1 for update")
                .execute(Tuple.of(update.orderId()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        // Rolls the transaction back: the event id is not recorded, the event goes to the dead letters.
                        throw new IncomingCloudEvent.Unreadable("no order " + update.orderId());
                    }
                    Row order = rows.iterator().next();
                    OrderStatus previous = OrderStatus.valueOf(order.getString("status"));
                    if (!previous.canBecome(update.status())) {
                        return Uni.createFrom().item(Outcome.IGNORED);
                    }
                    Instant now = Instant.now();
                    return transaction.preparedQuery("""
                                    update orders set status = $2, carrier = coalesce($3, carrier),
                                                      tracking_id = coalesce($4, tracking_id), updated_at = now()
                                    where id = $1 returning carrier, tracking_id""")
                            .execute(Tuple.of(update.orderId(), update.status().name(), update.carrier(), update.trackingId()))
                            .map(updated -> updated.iterator().next())
                            .call(() -> update.status() == OrderStatus.CANCELLED
                                    ? releaseStock(transaction, update) : Uni.createFrom().voidItem())
                            .call(shipment -> outbox.append(transaction, OrderEvents.statusChanged(update.orderId(),
                                    order.getString("number"), order.getString("tenant_id"), previous, update.status(),
                                    shipment.getString("carrier"), shipment.getString("tracking_id"), now)))
                            .replaceWith(Outcome.APPLIED);
                });
    }

    /** A cancelled order's products go back on sale; applied once, since a cancelled order moves no further. */
    private static Uni<Void> releaseStock(SqlConnection transaction, FulfillmentUpdate update) {
        return transaction.preparedQuery("""
                        update product p set stock = p.stock + l.quantity, updated_at = clock_timestamp()
                        from order_line l where l.order_id = $1 and l.sku = p.sku""")
                .execute(Tuple.of(update.orderId()))
                .replaceWithVoid();
    }
}
