package com.couchcart.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A product of the catalogue: its current price and the stock left to sell. */
@Entity
public class Product {

    @Id
    public String sku;
    public String title;
    public BigDecimal priceAmount;
    public String currency;
    public int stock;
    public String imageUrl;
    public boolean active;
    public Instant updatedAt;

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
