package com.couchcart.order;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class OrderStore implements PanacheRepositoryBase<Order, UUID> {

    /** The orders with these ids, lines loaded, newest first. */
    public Uni<List<Order>> withLines(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("select distinct o from Order o left join fetch o.lines where o.id in ?1 order by o.createdAt desc",
                ids).list();
    }
}
