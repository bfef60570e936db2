package com.couchcart.order;

import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
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
    public Uni<Page<OrderView>> listForShopper(String subject, PageRequest request) {
        return Page.of(store.find("shopperSubject", Sort.descending("createdAt"), subject), request)
                .flatMap(page -> store.withLines(page.items().stream().map(order -> order.id).toList())
                        .map(orders -> page.withItems(orders.stream().map(OrderView::of).toList())));
    }
}
