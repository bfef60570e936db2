package com.couchcart.tenant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A TV brand sharing the platform. Its app key ships inside its TV apps; only the key's hash is stored. */
@Entity
public class Tenant {

    @Id
    public String id;
    public String name;
    public String appKeyHash;
    public Instant createdAt;
    public Instant updatedAt;

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (createdAt == null) {
            createdAt = updatedAt;
        }
    }
}
