package com.couchcart.handoff;

import com.couchcart.device.DeviceSession;

import java.time.Instant;
import java.util.UUID;

/**
 * A handoff as stored: the TV (and so the cart) it belongs to, its user code and the link the QR code carries
 * ({@code verification_uri_complete}), who claimed it and the cart version they were shown, the order it became
 * and whether the ordered lines have left the TV's cart. {@code status} is the stored one; {@link #statusAt} adds
 * expiry, which needs no write.
 */
public record Handoff(String id, DeviceSession device, String userCode, String link, HandoffStatus status,
                      String shopper, Long reviewedCartVersion, UUID orderId, boolean cartCleared, Instant expiresAt) {

    public HandoffStatus statusAt(Instant now) {
        boolean open = status == HandoffStatus.PENDING || status == HandoffStatus.CLAIMED;
        return open && !now.isBefore(expiresAt) ? HandoffStatus.EXPIRED : status;
    }

    /**
     * Whether a checkout may have ended without its last steps (a crash or an outage after the commit): claimed and
     * not completed, or completed with the ordered lines still in the TV's cart.
     */
    public boolean mayNeedSettling() {
        return (status == HandoffStatus.CLAIMED) || (status == HandoffStatus.COMPLETED && !cartCleared);
    }

    public boolean belongsTo(DeviceSession other) {
        return device.tenant().equals(other.tenant()) && device.deviceId().equals(other.deviceId());
    }

    public long secondsLeft(Instant now) {
        return Math.max(0, (expiresAt.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    }
}
