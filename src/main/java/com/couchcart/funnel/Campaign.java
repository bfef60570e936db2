package com.couchcart.funnel;

import java.math.BigDecimal;
import java.time.Instant;

/** A campaign as the API shows it. */
public record Campaign(String id, String name, BigDecimal holdoutShare, Instant createdAt, Instant updatedAt) {
}
