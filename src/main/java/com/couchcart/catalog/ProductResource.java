package com.couchcart.catalog;

import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
import com.couchcart.platform.Upserted;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/products")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@RolesAllowed({Roles.MERCHANDISER, Roles.OPERATOR})
@Tag(name = "Admin: catalogue")
public class ProductResource {

    static final String SKU = "[A-Za-z0-9._-]{1,64}";

    private final ProductService service;

    public ProductResource(ProductService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "List the catalogue")
    public Uni<Page<ProductView>> list(@Valid @BeanParam PageRequest pageRequest) {
        return service.list(pageRequest);
    }

    @GET
    @Path("{sku}")
    @Operation(summary = "Read a product")
    public Uni<ProductView> get(@PathParam("sku") String sku) {
        return service.find(sku).onItem().ifNull().failWith(() -> ProblemException.notFound("No product '" + sku + "'."));
    }

    @PUT
    @Path("{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MERCHANDISER)
    @Operation(summary = "Create or replace a product", description = "active: false takes it off sale; its overlays disappear.")
    public Uni<Response> put(@PathParam("sku") @Pattern(regexp = SKU) String sku, @Valid @NotNull ProductRequest request) {
        return service.put(sku, request).map(Upserted::toResponse);
    }
}
