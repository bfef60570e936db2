package com.couchcart.platform.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds problem answers, for the exception mappers and for the HTTP routes outside JAX-RS alike. */
public final class Problems {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private Problems() {
    }

    public static Problem of(ProblemType type, String detail, String instance, List<Problem.FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    /**
     * A problem that the HTTP status alone describes: the CouchCart type where one exists for the status
     * (so a 404 reads the same whether a route or a record is missing), else {@code about:blank} (RFC 9457 §4.2.1).
     */
    public static Problem of(int status, String detail, String instance) {
        return switch (status) {
            case 401 -> of(ProblemType.UNAUTHENTICATED, detail, instance, null);
            case 403 -> of(ProblemType.FORBIDDEN, detail, instance, null);
            case 404 -> of(ProblemType.NOT_FOUND, detail, instance, null);
            default -> blank(status, detail, instance);
        };
    }

    private static Problem blank(int status, String detail, String instance) {
        return new Problem(ABOUT_BLANK, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, detail, instance, null);
    }

    public static Response response(ProblemType type, String detail, String instance,
                                    List<Problem.FieldError> errors, Map<String, String> headers) {
        return build(of(type, detail, instance, errors), headers);
    }

    public static Response response(int status, String detail, String instance, Map<String, String> headers) {
        return build(of(status, detail, instance), headers);
    }

    /** What to tell a client about a plain HTTP error status, without echoing internals. */
    public static String detailFor(int status, HttpServerRequest request) {
        return switch (status) {
            case 404 -> "No resource at " + request.path() + ".";
            case 405 -> request.method() + " is not supported on " + request.path() + ".";
            case 406 -> "None of the media types in Accept can be produced here.";
            case 415 -> "The Content-Type " + (request.getHeader("Content-Type") == null ? "(none)"
                    : "'" + request.getHeader("Content-Type") + "'") + " is not supported here.";
            default -> Response.Status.fromStatusCode(status) == null ? "The request was rejected."
                    : Response.Status.fromStatusCode(status).getReasonPhrase() + ".";
        };
    }

    private static Response build(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }
}
