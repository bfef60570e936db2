package com.couchcart.catalog;

import com.couchcart.platform.Broadcasts;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The catalogue in memory, for the paths that must not wait on the database (a cart add looks up price, state
 * and stock). Updated from the rows changed since the last look: at once after a change here, on a broadcast
 * from another instance, and every few seconds. Stock here is a hint; checkout reserves it for real.
 */
@ApplicationScoped
public class ProductCatalog {

    static final String TOPIC = "products";
    private static final Logger LOG = Logger.getLogger(ProductCatalog.class);

    /** What a product is now. */
    public record Item(String sku, String title, BigDecimal price, String currency, int stock, boolean active,
                       String imageUrl) {
    }

    private final Pool pool;
    private final Broadcasts broadcasts;
    private volatile Map<String, Item> items = Map.of();
    private volatile OffsetDateTime seenUntil = OffsetDateTime.parse("1970-01-01T00:00:00Z");

    public ProductCatalog(Pool pool, Broadcasts broadcasts) {
        this.pool = pool;
        this.broadcasts = broadcasts;
    }

    /** The product, or null when there is none. */
    public Item get(String sku) {
        return items.get(sku);
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        broadcasts.keepFresh(TOPIC, this::refresh);
    }

    /** Tells every instance, this one included, that products changed (their stock, say). */
    public Uni<Void> changed() {
        return broadcasts.announce(TOPIC, this::refresh);
    }

    @Scheduled(every = "${couchcart.catch-up-interval}", delayed = "${couchcart.catch-up-interval}")
    Uni<Void> refresh() {
        // Looks back 10 s before the last change seen, so a transaction that committed after a later-stamped
        // one is not missed.
        OffsetDateTime since = seenUntil;
        return pool.preparedQuery("""
                        select sku, title, price_amount, currency, stock, active, image_url, updated_at
                        from product where updated_at >= $1""")
                .execute(Tuple.of(since.minusSeconds(10)))
                .invoke(rows -> {
                    Map<String, Item> next = new HashMap<>(items);
                    OffsetDateTime latest = since;
                    for (var row : rows) {
                        next.put(row.getString("sku"), new Item(row.getString("sku"), row.getString("title"),
                                row.getBigDecimal("price_amount"), row.getString("currency"), row.getInteger("stock"),
                                row.getBoolean("active"), row.getString("image_url")));
                        OffsetDateTime updated = row.getOffsetDateTime("updated_at");
                        if (updated.isAfter(latest)) {
                            latest = updated;
                        }
                    }
                    items = Map.copyOf(next);
                    seenUntil = latest;
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Could not refresh the product catalogue", failure))
                .onFailure().recoverWithNull();
    }
}
