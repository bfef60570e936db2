package com.couchcart.overlay;

import com.couchcart.platform.Money;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An overlay as TVs receive it: the contract's shape, shared by the timeline reads and the live stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OverlayView(String id, Long startMs, Long endMs, Product product, Placement placement, String cta,
                          String campaignId) {

    public record Product(String sku, String title, Money price, String imageUrl) {
    }

    /** The answer of a timeline read. */
    public record Document(String contentId, long version, List<OverlayView> overlays) {
    }

    static OverlayView of(Cue cue) {
        Cue.ProductInfo product = cue.product();
        return new OverlayView(cue.id(), cue.startMs(), cue.endMs(),
                new Product(product.sku(), product.title(), Money.of(product.price(), product.currency()),
                        product.imageUrl()),
                cue.placement(), cue.cta(), cue.campaignId());
    }
}
