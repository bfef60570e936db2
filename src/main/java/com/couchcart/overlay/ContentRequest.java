package com.couchcart.overlay;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/admin/contents/{id}}: a VOD needs its duration; a LIVE channel has none. */
public record ContentRequest(@NotBlank @Size(max = 200) String title,
                             @NotNull ContentInfo.Kind kind,
                             @Positive Long durationMs) {
}
