package com.couchcart.funnel;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * The body of {@code PUT /api/admin/campaigns/{id}}: a name, and the share of devices held out (0 to 0.5; none
 * when absent), whose conversion the report compares with the exposed devices'.
 */
public record CampaignRequest(
        @NotBlank @Size(max = 200) String name,
        @DecimalMin("0") @DecimalMax("0.5") BigDecimal holdoutShare) {
}
