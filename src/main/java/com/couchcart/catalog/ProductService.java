package com.couchcart.catalog;

import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
import com.couchcart.platform.Upserted;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.math.BigDecimal;

/** The catalogue: products, their prices and stock. */
@ApplicationScoped
public class ProductService {

    private final ProductStore store;
    private final ProductCatalog catalog;
    private final Instance<ProductListener> listeners;

    public ProductService(ProductStore store, ProductCatalog catalog, Instance<ProductListener> listeners) {
        this.store = store;
        this.catalog = catalog;
        this.listeners = listeners;
    }

    @WithSession
    public Uni<Page<ProductView>> list(PageRequest request) {
        return Page.of(store.findAll(Sort.ascending("sku")), request).map(page -> page.map(ProductView::of));
    }

    @WithSession
    public Uni<ProductView> find(String sku) {
        return store.findById(sku).map(product -> product == null ? null : ProductView.of(product));
    }

    /** Creates or replaces a product, then tells the features that show it. */
    public Uni<Upserted<ProductView>> put(String sku, ProductRequest request) {
        return save(sku, request).call(catalog::changed).call(saved -> Multi.createFrom().iterable(listeners)
                .onItem().transformToUniAndConcatenate(listener -> listener.productChanged(sku))
                .collect().last());
    }

    @WithTransaction
    Uni<Upserted<ProductView>> save(String sku, ProductRequest request) {
        return store.findById(sku).flatMap(existing -> {
            boolean created = existing == null;
            Product product = created ? new Product() : existing;
            product.sku = sku;
            product.title = request.title();
            product.priceAmount = new BigDecimal(request.price().amount()).setScale(2);
            product.currency = request.price().currency();
            product.stock = request.stock();
            product.imageUrl = request.imageUrl();
            product.active = request.active();
            return (created ? store.persist(product) : Uni.createFrom().item(product))
                    .call(store::flush)
                    .map(saved -> new Upserted<>(ProductView.of(saved), created));
        });
    }
}
