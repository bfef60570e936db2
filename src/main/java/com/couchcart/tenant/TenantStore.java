package com.couchcart.tenant;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TenantStore implements PanacheRepositoryBase<Tenant, String> {
}
