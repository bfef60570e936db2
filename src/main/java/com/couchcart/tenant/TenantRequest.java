package com.couchcart.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/admin/tenants/{id}}. The app key must be long enough not to be guessed. */
public record TenantRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Size(min = 24, max = 200, message = "must be between 24 and 200 characters") String appKey) {
}
