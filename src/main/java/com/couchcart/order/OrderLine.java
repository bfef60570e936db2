package com.couchcart.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One product of an order: the price snapshot and the overlay (with its campaign and content) that led to it. */
@Entity
@IdClass(OrderLine.Key.class)
public class OrderLine {

    @Id
    @ManyToOne
    @JoinColumn(name = "order_id")
    public Order order;
    @Id
    public int lineNo;
    public String sku;
    public String title;
    public int quantity;
    public BigDecimal unitPrice;
    public BigDecimal lineTotal;
    public String overlayId;
    public String campaignId;
    public String contentId;
    /** When the cart line was added: what attribution measures its window from. */
    public Instant addedAt;

    public record Key(UUID order, int lineNo) implements Serializable {
    }
}
