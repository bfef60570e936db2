package com.couchcart.handoff;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Settings of the QR handoff ({@code couchcart.handoff.*}). */
@ConfigMapping(prefix = "couchcart.handoff")
public interface HandoffConfig {

    /** How long a new code is valid (RFC 8628 {@code expires_in}; at most 10 minutes), and again once claimed. */
    @WithDefault("PT10M")
    Duration expiresIn();

    /** The least time between two status polls of a TV (RFC 8628 {@code interval}). */
    @WithDefault("5s")
    Duration interval();

    /**
     * The phone page the QR code opens. Unset: {@code /phone/} on the host the TV called, which suits a single
     * public host name.
     */
    Optional<URI> verificationUri();

    /** How often an open status stream looks at the handoff again, in case a change notice was lost. */
    @WithDefault("5s")
    Duration recheck();

    /** Wrong user codes allowed per shopper, and per client address, in each window before answers are 429. */
    @WithDefault("10")
    int claimFailureLimit();

    @WithDefault("PT10M")
    Duration claimFailureWindow();
}
