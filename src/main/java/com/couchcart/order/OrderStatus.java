package com.couchcart.order;

/** Where an order stands: placed by the shopper, then moved along by fulfillment. */
public enum OrderStatus {
    PLACED, CONFIRMED, SHIPPED, DELIVERED, CANCELLED
}
