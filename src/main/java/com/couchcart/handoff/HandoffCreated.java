package com.couchcart.handoff;

/**
 * The answer to {@code POST /api/tv/handoffs}, in RFC 8628's terms: the TV shows {@code userCode} and the QR code
 * of {@code verificationUriComplete}, then follows the handoff by its id, which only the TV knows.
 */
public record HandoffCreated(String handoffId, String userCode, String verificationUri, String verificationUriComplete,
                             long expiresIn, long interval) {
}
