package com.couchcart.overlay;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Where an overlay sits: an anchor of the title-safe area and an offset from it, in percent (0–100) of
 * that area, so the same cue fits every screen size.
 */
public record Placement(
        @NotNull @Pattern(regexp = "top-left|top-right|bottom-left|bottom-right|center",
                message = "must be one of top-left, top-right, bottom-left, bottom-right, center") String anchor,
        @NotNull @DecimalMin("0") @DecimalMax("100") Double x,
        @NotNull @DecimalMin("0") @DecimalMax("100") Double y) {
}
