package com.couchcart.overlay;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Locale;

/**
 * Who sees a cue: empty lists mean everyone. Regions are ISO 3166-2 codes (a country code covers its
 * subdivisions), locales BCP 47 tags (a language covers its regional variants); a targeted cue is shown only
 * to a request that names a matching region or locale.
 */
public record Targeting(
        @Size(max = 50) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}") String> tenants,
        @Size(max = 50) List<@NotNull @Pattern(regexp = Targeting.REGION, message = "must be an ISO 3166-2 code such as CN-ZJ") String> regions,
        @Size(max = 50) List<@NotNull @Pattern(regexp = Targeting.LOCALE, message = "must be a BCP 47 tag such as zh-CN") String> locales) {

    public static final String REGION = "[A-Z]{2}(-[A-Z0-9]{1,3})?";
    public static final String LOCALE = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*";
    public static final Targeting EVERYONE = new Targeting(List.of(), List.of(), List.of());

    public Targeting {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        regions = regions == null ? List.of() : List.copyOf(regions);
        locales = locales == null ? List.of() : List.copyOf(locales);
    }

    boolean admits(String tenant, String region, String locale) {
        return (tenants.isEmpty() || tenants.contains(tenant))
                && (regions.isEmpty() || regions.stream().anyMatch(target -> covers(target, region)))
                && (locales.isEmpty() || locales.stream().anyMatch(target -> covers(target, locale)));
    }

    /** Whether a target value covers a requested one: equal, or a prefix ending at a dash (CN covers CN-ZJ). */
    static boolean covers(String target, String requested) {
        if (requested == null) {
            return false;
        }
        String t = target.toLowerCase(Locale.ROOT);
        String r = requested.toLowerCase(Locale.ROOT);
        return r.equals(t) || (r.startsWith(t) && r.charAt(t.length()) == '-');
    }
}
