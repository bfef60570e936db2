package com.couchcart.catalog;

import com.couchcart.platform.Page;
import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/products")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@RolesAllowed({Roles.MERCHANDISER, Roles.OPERATOR})
@Tag(name = "Admin: catalogue")
public class ProductResource {

    private final ProductService service;

    public ProductResource(ProductService service) {
        this.service = service;
    }

    @GET
    public Uni<Page<ProductView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                       @QueryParam("size") @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(page, size);
    }
}
