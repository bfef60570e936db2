package com.couchcart.device;

/** What a device session knows about the TV that opened it; the device's cart is keyed by tenant + deviceId. */
public record DeviceSession(String tenant, String deviceId, String model, String region, String locale) {
}
