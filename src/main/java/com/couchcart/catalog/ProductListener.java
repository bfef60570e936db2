package com.couchcart.catalog;

import io.smallrye.mutiny.Uni;

/** Told after a product change is committed, by features that show products (overlays show price and title). */
public interface ProductListener {

    Uni<Void> productChanged(String sku);
}
