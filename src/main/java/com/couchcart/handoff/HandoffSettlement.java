package com.couchcart.handoff;

import io.smallrye.mutiny.Uni;

/**
 * What a handoff asks of checkout when a checkout may have ended without its last steps (the service stopped,
 * or Redis was out of reach, after the order committed): finish them if the handoff did become an order.
 * Implemented by the order feature, which knows orders.
 */
public interface HandoffSettlement {

    /** Completes the handoff and takes the ordered lines out of the TV's cart, if an order of it exists. */
    Uni<Void> settle(Handoff handoff);
}
