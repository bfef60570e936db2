package com.couchcart.tenant;

import com.couchcart.platform.Upserted;
import com.couchcart.platform.security.Secrets;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Registers TV brands and checks the app keys their TVs present. */
@ApplicationScoped
public class TenantService {

    private final TenantStore store;
    private final TenantDirectory directory;

    public TenantService(TenantStore store, TenantDirectory directory) {
        this.store = store;
        this.directory = directory;
    }

    /** Creates or replaces a tenant; tells which of the two happened. */
    public Uni<Upserted<TenantView>> put(String id, TenantRequest request) {
        return save(id, request).call(directory::changed);
    }

    @WithTransaction
    Uni<Upserted<TenantView>> save(String id, TenantRequest request) {
        return store.findById(id).flatMap(existing -> {
            boolean created = existing == null;
            Tenant tenant = created ? new Tenant() : existing;
            tenant.id = id;
            tenant.name = request.name();
            tenant.appKeyHash = Secrets.sha256(request.appKey());
            return (created ? store.persist(tenant) : Uni.createFrom().item(tenant))
                    .call(store::flush)
                    .map(saved -> new Upserted<>(TenantView.of(saved), created));
        });
    }

    @WithSession
    public Uni<TenantView> find(String id) {
        return store.findById(id).map(tenant -> tenant == null ? null : TenantView.of(tenant));
    }

    /** Whether {@code appKey} is the current key of tenant {@code id}; false for unknown tenants. */
    @WithSession
    public Uni<Boolean> acceptsAppKey(String id, String appKey) {
        return store.findById(id).map(tenant -> tenant != null && Secrets.matches(appKey, tenant.appKeyHash));
    }
}
