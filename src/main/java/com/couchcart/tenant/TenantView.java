package com.couchcart.tenant;

import java.time.Instant;

/** A tenant as the API shows it: never the app key or its hash. */
public record TenantView(String id, String name, Instant createdAt, Instant updatedAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.createdAt, tenant.updatedAt);
    }
}
