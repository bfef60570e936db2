package com.couchcart.cart;

import com.couchcart.device.DevicePrincipal;
import com.couchcart.device.DeviceSession;
import com.couchcart.device.DeviceSessionAuthenticationMechanism;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device's cart, in calls sized for a D-pad. Every answer is the whole cart with {@code ETag: "<version>"};
 * a change sent with {@code If-Match} of an older version answers 412.
 */
@Path("/api/tv/cart")
@Produces(MediaType.APPLICATION_JSON)
@HttpAuthenticationMechanism(DeviceSessionAuthenticationMechanism.SCHEME)
@RolesAllowed(Roles.DEVICE)
@Tag(name = "TV: cart")
public class CartResource {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final CartService service;
    private final SecurityIdentity identity;

    public CartResource(CartService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Read the cart at today's prices")
    public Uni<RestResponse<CartView>> get() {
        return service.get(device()).map(CartResource::withETag);
    }

    @POST
    @Path("items")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add from an overlay (one OK press); a repeated eventId changes nothing")
    public Uni<RestResponse<CartView>> add(@Valid @NotNull AddItem item, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.add(device(), item, version(ifMatch)).map(CartResource::withETag);
    }

    @PATCH
    @Path("items/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the quantity of a line")
    public Uni<RestResponse<CartView>> setQuantity(@PathParam("sku") String sku, @Valid @NotNull QuantityChange change,
                                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.setQuantity(device(), sku, change.quantity(), version(ifMatch)).map(CartResource::withETag);
    }

    @DELETE
    @Path("items/{sku}")
    @Operation(summary = "Remove a line (removing one that is not there changes nothing)")
    public Uni<RestResponse<CartView>> remove(@PathParam("sku") String sku, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.remove(device(), sku, version(ifMatch)).map(CartResource::withETag);
    }

    @DELETE
    @Operation(summary = "Empty the cart")
    public Uni<RestResponse<CartView>> clear(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.clear(device(), version(ifMatch)).map(CartResource::withETag);
    }

    private DeviceSession device() {
        return DevicePrincipal.of(identity).session();
    }

    /** The version an If-Match names; null for none or "*". An unreadable one can match no version. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new ProblemException(ProblemType.STALE, "If-Match must be the cart's ETag, such as \"3\".");
        }
        return Long.parseLong(matcher.group(1));
    }

    private static RestResponse<CartView> withETag(CartView cart) {
        return RestResponse.ResponseBuilder.ok(cart).header(HttpHeaders.ETAG, "\"" + cart.version() + "\"").build();
    }
}
