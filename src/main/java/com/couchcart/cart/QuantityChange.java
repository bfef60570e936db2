package com.couchcart.cart;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PATCH /api/tv/cart/items/{sku}}. */
public record QuantityChange(@NotNull @Min(1) Integer quantity) {
}
