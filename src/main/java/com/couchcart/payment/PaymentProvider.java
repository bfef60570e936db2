package com.couchcart.payment;

import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The port to a way of paying. Checkout asks the provider of the method the shopper chose to arrange payment of
 * an order it is placing, inside the order's transaction and after its stock is reserved; the order keeps the
 * payment status the provider answers. A provider that calls a remote service must not hold that transaction:
 * it would answer AWAITING_PAYMENT here and authorize once the order has committed.
 */
public interface PaymentProvider {

    /** The method a checkout names, such as {@code cash_on_delivery}. */
    String method();

    /** The payment status the order starts with. */
    Uni<String> arrange(UUID orderId, BigDecimal amount, String currency);
}
