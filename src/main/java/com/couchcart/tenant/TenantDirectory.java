package com.couchcart.tenant;

import com.couchcart.platform.Broadcasts;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The registered tenants (id and name), in memory, so public reads keyed by tenant answer 404 for an unknown
 * one without a database round trip. Refreshed on every change here, on a broadcast from another instance,
 * and every few seconds in case a broadcast was missed.
 */
@ApplicationScoped
public class TenantDirectory {

    static final String TOPIC = "tenants";
    private static final Logger LOG = Logger.getLogger(TenantDirectory.class);

    private final Pool pool;
    private final Broadcasts broadcasts;
    private volatile Map<String, String> names = Map.of();

    public TenantDirectory(Pool pool, Broadcasts broadcasts) {
        this.pool = pool;
        this.broadcasts = broadcasts;
    }

    public boolean exists(String id) {
        return names.containsKey(id);
    }

    /** The tenant's name (the TV brand a shopper recognises), or null for an unknown tenant. */
    public String name(String id) {
        return names.get(id);
    }

    void start(@Observes StartupEvent event) {
        broadcasts.keepFresh(TOPIC, this::refresh);
    }

    /** Tells every instance, this one included, that the tenants changed. */
    Uni<Void> changed() {
        return broadcasts.announce(TOPIC, this::refresh);
    }

    @Scheduled(every = "${couchcart.catch-up-interval}", delayed = "${couchcart.catch-up-interval}")
    Uni<Void> refresh() {
        return pool.query("select id, name from tenant").execute()
                .invoke(rows -> names = StreamSupport.stream(rows.spliterator(), false)
                        .collect(Collectors.toUnmodifiableMap(row -> row.getString("id"), row -> row.getString("name"))))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Could not refresh the tenant directory", failure))
                .onFailure().recoverWithNull();
    }
}
