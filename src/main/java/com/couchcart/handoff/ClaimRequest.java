package com.couchcart.handoff;

import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /api/phone/handoffs/claim}: the code from the TV, with or without its dash, any case. */
public record ClaimRequest(@NotNull String userCode) {
}
