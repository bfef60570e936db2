package com.couchcart.handoff;

import com.couchcart.cart.CartView;

/**
 * What the phone shows before the shopper checks out (the defence against QRLJacking): which TV asked, what is
 * in its cart at today's prices, and how long the handoff stays open. {@code cart.version} may be sent with the
 * checkout, so the order is refused if the TV's cart changed since.
 */
public record Confirmation(String handoffId, Tv tv, CartView cart, long expiresIn) {

    /** The TV: its tenant (brand) id and name, and the model it reported. */
    public record Tv(String tenant, String brand, String model) {
    }
}
