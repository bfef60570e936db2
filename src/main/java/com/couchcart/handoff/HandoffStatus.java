package com.couchcart.handoff;

/** Where a handoff stands. The last three are final: a handoff is used once. */
public enum HandoffStatus {
    PENDING, CLAIMED, COMPLETED, EXPIRED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == EXPIRED || this == CANCELLED;
    }
}
