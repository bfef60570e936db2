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
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * The sign-ins of the pages: the phone page ({@code quarkus.oidc.phone-signin}) and the reports page
 * ({@code quarkus.oidc.staff-signin}) are served behind the OIDC code flow, and read here the access token they send
 * to the API and the name to greet with.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SignInResource {

    /** The signed-in person and the bearer token of their sign-in. */
    public record SignIn(String accessToken, String name) {
    }

    private final SecurityIdentity identity;

    public SignInResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("phone/session")
    @Tag(name = "Phone: handoff and checkout")
    @Operation(summary = "The access token of the phone page's sign-in (same-origin pages only)")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public SignIn phone() {
        return signIn();
    }

    @GET
    @Path("admin/reports/session")
    @Tag(name = "Admin: reports")
    @Operation(summary = "The access token of the reports page's sign-in (same-origin pages only)")
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public SignIn reports() {
        return signIn();
    }

    private SignIn signIn() {
        String token = identity.getCredential(AccessTokenCredential.class).getToken();
        String name = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim("name") != null
                ? jwt.getClaim("name").toString() : identity.getPrincipal().getName();
        return new SignIn(token, name);
    }
}
