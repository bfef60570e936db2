package com.couchcart.overlay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * A cue as merchandisers author it. The id is stable across edits and safe as an HLS {@code EXT-X-DATERANGE}
 * ID; {@code startMs}/{@code endMs} are media time, absent for a live channel's prepared cues.
 */
public record CueRequest(
        @NotNull @Pattern(regexp = CueRequest.ID, message = "must be 1-64 letters, digits, '.', '_' or '-'") String id,
        @PositiveOrZero Long startMs,
        @PositiveOrZero Long endMs,
        @NotNull @Size(min = 1, max = 64) String sku,
        @NotNull @Valid Placement placement,
        @Size(max = 80) String cta,
        @Pattern(regexp = CueRequest.ID, message = "must be 1-64 letters, digits, '.', '_' or '-'") String campaignId,
        @Min(-1000) @Max(1000) Integer priority,
        @Valid Targeting targeting,
        Instant validFrom,
        Instant validUntil) {

    public static final String ID = "[A-Za-z0-9._-]{1,64}";

    Targeting targetingOrEveryone() {
        return targeting == null ? Targeting.EVERYONE : targeting;
    }

    int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }
}
