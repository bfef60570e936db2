package com.couchcart.order;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An order placed from a TV's cart on a shopper's phone, with the prices it was placed at. */
@Entity
@Table(name = "orders")
public class Order {

    @Id
    public UUID id;
    public String number;
    @Enumerated(EnumType.STRING)
    public OrderStatus status;
    public String tenantId;
    public String deviceId;
    public String shopperSubject;
    public String handoffId;
    public BigDecimal totalAmount;
    public String currency;
    @JdbcTypeCode(SqlTypes.JSON)
    public String shippingAddress;
    public String paymentMethod;
    public String paymentStatus;
    public String carrier;
    public String trackingId;
    public Instant createdAt;
    public Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
    @OrderBy("lineNo")
    public List<OrderLine> lines = new ArrayList<>();
}
