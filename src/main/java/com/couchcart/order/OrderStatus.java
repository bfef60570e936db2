package com.couchcart.order;

/** Where an order stands: placed by the shopper, then moved along by fulfillment. */
public enum OrderStatus {
    PLACED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

    /** The moves fulfillment may make: placed or confirmed orders ship or are cancelled; shipped ones are delivered. */
    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case PLACED, CONFIRMED -> next == SHIPPED || next == CANCELLED;
            case SHIPPED -> next == DELIVERED;
            case DELIVERED, CANCELLED -> false;
        };
    }
}
