package com.couchcart.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The phone page's sign-in: the page is served behind the OIDC code flow ({@code quarkus.oidc.phone-signin}), and reads
 * here the access token it sends to {@code /api/phone} and the shopper's name to greet them with.
 */
@Path("/phone/session")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Phone: handoff and checkout")
public class PhoneSessionResource {

    /** The signed-in shopper and the bearer token of their sign-in. */
    public record PhoneSession(String accessToken, String name) {
    }

    private final SecurityIdentity identity;

    public PhoneSessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The access token of the phone page's sign-in (same-origin pages only)")
    @org.jboss.resteasy.reactive.ResponseHeader(name = "Cache-Control", value = "no-store")
    public PhoneSession session() {
        String token = identity.getCredential(AccessTokenCredential.class).getToken();
        String name = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("name") != null
                ? jwt.getClaim("name").toString() : identity.getPrincipal().getName();
        return new PhoneSession(token, name);
    }
}
