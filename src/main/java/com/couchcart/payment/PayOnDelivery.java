package com.couchcart.payment;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.UUID;

/** Cash on delivery: nothing is charged now; the courier collects the total, so the order is due on delivery. */
@ApplicationScoped
public class PayOnDelivery implements PaymentProvider {

    public static final String METHOD = "cash_on_delivery";
    public static final String DUE_ON_DELIVERY = "DUE_ON_DELIVERY";

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public Uni<String> arrange(UUID orderId, BigDecimal amount, String currency) {
        return Uni.createFrom().item(DUE_ON_DELIVERY);
    }
}
