package com.couchcart.handoff;

import com.couchcart.device.DeviceSession;

import java.time.Instant;
import java.util.UUID;

/**
 * A handoff as stored: the TV (and so the cart) it belongs to, its user code and the link the QR code carries
 * ({@code verification_uri_complete}), who claimed it and the order it became. {@code status} is the stored one; {@link #statusAt} adds expiry, which needs no write.
 */
public record Handoff(String id, DeviceSession device, String userCode, String link, HandoffStatus status,
                      String shopper, UUID orderId, Instant expiresAt) {

    public HandoffStatus statusAt(Instant now) {
        boolean open = status == HandoffStatus.PENDING || status == HandoffStatus.CLAIMED;
        return open && !now.isBefore(expiresAt) ? HandoffStatus.EXPIRED : status;
    }

    public boolean belongsTo(DeviceSession other) {
        return device.tenant().equals(other.tenant()) && device.deviceId().equals(other.deviceId());
    }

    public long secondsLeft(Instant now) {
        return Math.max(0, (expiresAt.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    }
}
