package com.couchcart.platform;

import jakarta.ws.rs.core.Response;

/** The result of a create-or-replace ({@code PUT}): the resource as it now is, and whether it is new. */
public record Upserted<T>(T value, boolean created) {

    /** 201 for a new resource, 200 for a replaced one, with the resource as the body. */
    public Response toResponse() {
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK).entity(value).build();
    }
}
