package com.couchcart.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /api/phone/checkouts}. {@code cartVersion}, the {@code cart.version} of the claim's
 * confirmation, is optional: when sent, the order is refused (409) if the TV changed the cart since.
 */
public record CheckoutRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be the handoffId of the claimed handoff") String handoffId,
        @NotNull @Valid ShippingAddress shippingAddress,
        @NotNull String paymentMethod,
        @Min(1) Long cartVersion) {
}
