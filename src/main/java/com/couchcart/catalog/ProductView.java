package com.couchcart.catalog;

import com.couchcart.platform.Money;

import java.time.Instant;

/** A product as the admin API shows it. */
public record ProductView(String sku, String title, Money price, int stock, String imageUrl, boolean active,
                          Instant updatedAt) {

    static ProductView of(Product product) {
        return new ProductView(product.sku, product.title, Money.of(product.priceAmount, product.currency),
                product.stock, product.imageUrl, product.active, product.updatedAt);
    }
}
