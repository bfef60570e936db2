package com.couchcart.overlay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/admin/channels/{id}/cues}: either {@code cueId}, a prepared cue of the
 * channel's timeline, or an inline cue ({@code id}, {@code sku}, {@code placement}, …); and how long it runs.
 */
public record FireRequest(
        @Pattern(regexp = CueRequest.ID) String cueId,
        @NotNull @Min(1000) @Max(3_600_000) Long durationMs,
        @Pattern(regexp = CueRequest.ID) String id,
        @Size(min = 1, max = 64) String sku,
        @Valid Placement placement,
        @Size(max = 80) String cta,
        @Pattern(regexp = CueRequest.ID) String campaignId,
        @Min(-1000) @Max(1000) Integer priority,
        @Valid Targeting targeting) {

    boolean prepared() {
        return cueId != null;
    }
}
