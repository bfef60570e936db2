package com.couchcart.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/admin/products/{sku}}. {@code active: false} takes a product off sale. */
public record ProductRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull @Valid Price price,
        @NotNull @PositiveOrZero Integer stock,
        @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String imageUrl,
        @NotNull Boolean active) {

    /** Money as the API writes it: a decimal string with at most two places, never a float. */
    public record Price(
            @NotNull @Pattern(regexp = "(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?", message = "must be a decimal string such as 12.90") String amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency) {
    }
}
