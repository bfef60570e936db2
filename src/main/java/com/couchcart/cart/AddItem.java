package com.couchcart.cart;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/tv/cart/items}: one OK press on an overlay. {@code eventId} is the remote event's
 * id: a repeat of it changes nothing. {@code contentId}, where the TV sends it, lets the line remember the campaign.
 */
public record AddItem(
        @NotNull @Size(min = 1, max = 64) String sku,
        @NotNull @Min(1) Integer quantity,
        @Pattern(regexp = AddItem.ID) String overlayId,
        @Pattern(regexp = AddItem.ID) String contentId,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1-64 letters, digits, '.', '_', ':' or '-'") String eventId) {

    static final String ID = "[A-Za-z0-9._-]{1,64}";
}
