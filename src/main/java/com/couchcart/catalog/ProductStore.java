package com.couchcart.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ProductStore implements PanacheRepositoryBase<Product, String> {
}
