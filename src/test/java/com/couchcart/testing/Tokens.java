package com.couchcart.testing;

import com.couchcart.platform.security.Roles;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import java.util.Set;

/** Bearer tokens signed by the OIDC test issuer, for the audiences of the API. */
public final class Tokens {

    private Tokens() {
    }

    public static String shopper(String name) {
        return OidcWiremockTestResource.getAccessToken(name, Set.of("shopper"));
    }

    public static String merchandiser() {
        return OidcWiremockTestResource.getAccessToken("mira", Set.of(Roles.MERCHANDISER));
    }

    public static String operator() {
        return OidcWiremockTestResource.getAccessToken("otto", Set.of(Roles.OPERATOR));
    }

    /** Staff of one TV brand: role partner, the brand in the token's {@code tenant} claim. */
    public static String partner(String tenant) {
        return OidcWiremockTestResource.generateJwtToken("pia", Set.of(Roles.PARTNER), "pia-" + tenant, "Bearer",
                Set.of(audience()), java.util.Map.of("tenant", tenant));
    }

    /** The audience the test issuer's access tokens carry (the issuer keeps it to itself). */
    private static String audience() {
        try {
            var field = OidcWiremockTestResource.class.getDeclaredField("TOKEN_AUDIENCE");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The OIDC test issuer changed", e);
        }
    }
}
