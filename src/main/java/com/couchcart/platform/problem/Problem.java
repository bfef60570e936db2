package com.couchcart.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document: the body of every error answer.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    a short summary of the kind of problem, the same for every occurrence
 * @param status   the HTTP status
 * @param detail   what went wrong this time, for a person
 * @param instance the request path it happened on
 * @param errors   one entry per invalid field, for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: where ({@code field}, a JSON path such as {@code shippingAddress.city}) and why. */
    public record FieldError(String field, String message) {
    }
}
