package com.couchcart.catalog;

import com.couchcart.platform.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The catalogue: products, their prices and stock. */
@ApplicationScoped
public class ProductService {

    private final ProductStore store;

    public ProductService(ProductStore store) {
        this.store = store;
    }

    @WithSession
    public Uni<Page<ProductView>> list(int page, int size) {
        var query = store.findAll(Sort.ascending("sku")).page(page, size);
        return query.list().flatMap(products -> query.count()
                .map(total -> new Page<>(products.stream().map(ProductView::of).toList(), page, size, total)));
    }
}
