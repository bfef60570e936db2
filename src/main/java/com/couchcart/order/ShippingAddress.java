package com.couchcart.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where the courier delivers. {@code country} is an ISO 3166-1 alpha-2 code; {@code phone} is how to reach the shopper. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShippingAddress(
        @NotBlank @Size(max = 100) String name,
        @NotNull @Pattern(regexp = "\\+?[0-9][0-9 ()-]{5,22}", message = "must be a telephone number, such as +86 138 0013 8000") String phone,
        @NotBlank @Size(max = 200) String line1,
        @Size(max = 200) String line2,
        @NotBlank @Size(max = 100) String city,
        @Size(max = 100) String region,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]{1,11}", message = "must be a postal code of 2 to 12 letters, digits, spaces or dashes") String postalCode,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code, such as CN") String country) {
}
