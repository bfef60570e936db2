package com.couchcart.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.UUID;

/** One product of an order: the price snapshot and the overlay (and campaign) that led to it. */
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

    public record Key(UUID order, int lineNo) implements Serializable {
    }
}
