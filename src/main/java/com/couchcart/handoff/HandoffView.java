package com.couchcart.handoff;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/** A handoff's status as the TV follows it: {@code orderId} once COMPLETED, {@code expiresIn} seconds while open. */
@RegisterForReflection(registerFullHierarchy = true) // also serialized by hand (stored, sent as events)
public record HandoffView(String handoffId, HandoffStatus status, UUID orderId, long expiresIn) {
}
