package com.couchcart.order;

import com.couchcart.platform.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Orders: reading them back for the shopper who placed them. */
@ApplicationScoped
public class OrderService {

    private final OrderStore store;

    public OrderService(OrderStore store) {
        this.store = store;
    }

    @WithSession
    public Uni<Page<OrderView>> listForShopper(String subject, int page, int size) {
        var query = store.find("shopperSubject", Sort.descending("createdAt"), subject).page(page, size);
        return query.list()
                .flatMap(orders -> store.withLines(orders.stream().map(order -> order.id).toList()))
                .flatMap(orders -> query.count().map(total ->
                        new Page<>(orders.stream().map(OrderView::of).toList(), page, size, total)));
    }
}
