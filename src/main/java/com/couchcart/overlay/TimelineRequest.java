package com.couchcart.overlay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of {@code PUT /api/admin/contents/{id}/timeline}: every cue of the content, replacing the old ones. */
public record TimelineRequest(@NotNull @Size(max = TimelineRequest.MAX_CUES) List<@NotNull @Valid CueRequest> cues) {

    static final int MAX_CUES = 2000;
}
