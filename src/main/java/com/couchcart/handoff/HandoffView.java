package com.couchcart.handoff;

import java.util.UUID;

/** A handoff's status as the TV follows it: {@code orderId} once COMPLETED, {@code expiresIn} seconds while open. */
public record HandoffView(String handoffId, HandoffStatus status, UUID orderId, long expiresIn) {
}
