package com.couchcart.catalog;

import com.couchcart.platform.Page;
import com.couchcart.platform.PageRequest;
import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
    public Uni<Page<ProductView>> list(@Valid @BeanParam PageRequest pageRequest) {
        return service.list(pageRequest);
    }
}
