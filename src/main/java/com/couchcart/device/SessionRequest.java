package com.couchcart.device;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/tv/sessions}. {@code deviceId} is the random install id the TV app made
 * (a UUID), never a serial number or MAC address.
 */
public record SessionRequest(
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String tenant,
        @NotNull @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                message = "must be the app's random install id, a UUID") String deviceId,
        @NotBlank @Size(max = 100) String model,
        @Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3})?", message = "must be an ISO 3166-2 code such as CN-ZJ") String region,
        @Pattern(regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*", message = "must be a BCP 47 tag such as zh-CN") String locale) {
}
