package com.couchcart.payment;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The port to a way of paying. Checkout asks the provider of the method the shopper chose to arrange payment of
 * an order it is about to place; the order keeps the payment status the provider answers. A provider that calls
 * a remote service would authorize after the order commits (status AWAITING_PAYMENT) rather than inside the
 * checkout's transaction.
 */
public interface PaymentProvider {

    /** The method a checkout names, such as {@code cash_on_delivery}. */
    String method();

    /** The payment status the order starts with. */
    String arrange(UUID orderId, BigDecimal amount, String currency);
}
