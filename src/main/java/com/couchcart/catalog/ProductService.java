package com.couchcart.catalog;

import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
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
    public Uni<Page<ProductView>> list(PageRequest request) {
        return Page.of(store.findAll(Sort.ascending("sku")), request).map(page -> page.map(ProductView::of));
    }
}
