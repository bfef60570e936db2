package com.couchcart.device;

/** The current session as the TV may read it back. */
public record SessionInfo(String tenant, String deviceId, String model, String region, String locale, long expiresIn) {

    static SessionInfo of(DeviceSession session, long expiresIn) {
        return new SessionInfo(session.tenant(), session.deviceId(), session.model(), session.region(),
                session.locale(), expiresIn);
    }
}
