package com.couchcart.order;

import com.couchcart.device.DeviceSession;
import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
import com.couchcart.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** Orders read back by the shopper who placed them, or by the TV they were placed from; nobody else. */
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
                        .map(orders -> page.withItems(orders.stream().map(OrderView::forShopper).toList())));
    }

    @WithSession
    public Uni<OrderView> findForShopper(String subject, String id) {
        return find(id, order -> order.shopperSubject.equals(subject)).map(OrderView::forShopper);
    }

    @WithSession
    public Uni<OrderView> findForDevice(DeviceSession device, String id) {
        return find(id, order -> order.tenantId.equals(device.tenant()) && order.deviceId.equals(device.deviceId()))
                .map(OrderView::forDevice);
    }

    /** The order if it exists and {@code mayRead} it; otherwise the same 404, so ids of others' orders reveal nothing. */
    private Uni<Order> find(String id, Predicate<Order> mayRead) {
        UUID orderId = parse(id);
        Uni<List<Order>> found = orderId == null ? Uni.createFrom().item(List.of()) : store.withLines(List.of(orderId));
        return found.map(orders -> {
            if (orders.isEmpty() || !mayRead.test(orders.get(0))) {
                throw ProblemException.notFound("No order '" + id + "'.");
            }
            return orders.get(0);
        });
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
