package com.couchcart.tenant;

import com.couchcart.platform.Upserted;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.security.Roles;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/tenants/{id}")
@Produces(MediaType.APPLICATION_JSON)
@BearerTokenAuthentication
@RolesAllowed(Roles.OPERATOR)
@Tag(name = "Admin: tenants")
public class TenantResource {

    /** Tenant ids appear in public URLs: lower-case letters, digits and dashes. */
    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

    private final TenantService service;

    public TenantResource(TenantService service) {
        this.service = service;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("id") @Pattern(regexp = ID_PATTERN) String id,
                             @Valid @NotNull TenantRequest request) {
        return service.put(id, request).map(Upserted::toResponse);
    }

    @GET
    public Uni<TenantView> get(@PathParam("id") String id) {
        return service.find(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No tenant '" + id + "'."));
    }
}
