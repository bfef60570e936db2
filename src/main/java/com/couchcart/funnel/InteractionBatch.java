package com.couchcart.funnel;

import com.couchcart.overlay.CueRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of {@code POST /api/tv/interactions}: what the viewer saw and clicked, reported in batches. */
public record InteractionBatch(@NotNull @Size(min = 1, max = InteractionBatch.MAX_EVENTS) List<@NotNull @Valid Event> events) {

    static final int MAX_EVENTS = 500;

    /**
     * One impression or click of an overlay at media time {@code at}, or a holdout (the overlay a held-out device
     * would have shown); {@code contentId} names the content the overlay belongs to, where the TV knows it.
     */
    public record Event(
            @NotNull @Pattern(regexp = "impression|click|holdout", message = "must be impression, click or holdout") String type,
            @NotNull @Pattern(regexp = CueRequest.ID) String overlayId,
            @NotNull @PositiveOrZero Long at,
            @Pattern(regexp = CueRequest.ID) String contentId) {
    }
}
