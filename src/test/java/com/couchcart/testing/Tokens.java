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
}
