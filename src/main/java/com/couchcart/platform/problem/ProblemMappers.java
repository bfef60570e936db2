package com.couchcart.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every failure of a REST call into a problem document: the one place that decides what a client
 * sees when something goes wrong. Nothing internal (stack traces, class names, SQL) reaches the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return Problems.response(e.type(), e.getMessage(), request.path(), e.errors(), e.headers());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return internal(e, request);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, request);
        }
        if (status == 404 && e.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter cannot be converted; the client sent bad input.
            return Problems.response(ProblemType.VALIDATION, "A path or query parameter has a value of the wrong type.",
                    request.path(), null, Map.of());
        }
        Map<String, String> headers = status == 405
                ? allowedMethods.forPath(request.path()).map(allow -> Map.of(HttpHeaders.ALLOW, allow)).orElse(Map.of())
                : Map.of();
        return Problems.response(status, Problems.detailFor(status, request), request.path(), headers);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return Problems.response(ProblemType.VALIDATION, detail, request.path(), errors, Map.of());
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, JsonParseException.class,
            MismatchedInputException.class, InvalidFormatException.class, UnrecognizedPropertyException.class})
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        return Problems.response(ProblemType.MALFORMED_BODY, describe(e), request.path(), null, Map.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        if (e.getCause() instanceof ProblemException problem) {
            // Authentication could not be decided (its store is out of reach): that is the answer.
            return problem(problem, request);
        }
        return Problems.response(ProblemType.UNAUTHENTICATED, "Missing, invalid or expired credentials.",
                request.path(), null, Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return Problems.response(ProblemType.FORBIDDEN, "Your credentials do not allow this request.",
                request.path(), null, Map.of());
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, HttpServerRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem(problem, request);
            }
        }
        LOG.errorf(e, "Unhandled failure on %s %s", request.method(), request.path());
        return Problems.response(ProblemType.INTERNAL, "The request could not be completed.", request.path(),
                null, Map.of());
    }

    /**
     * The JSON path of an invalid value ({@code cues[3].placement.x}), without the Java method and parameter
     * names of the resource.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        Path.Node parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node;
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.isInIterable() && !field.isEmpty()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        if (field.isEmpty()) {
            return parameter == null ? "request" : parameter.getName();
        }
        return field.toString();
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException parse && parse.getLocation() != null) {
            return "The body is not valid JSON (line %d, column %d)."
                    .formatted(parse.getLocation().getLineNr(), parse.getLocation().getColumnNr());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e instanceof UnrecognizedPropertyException) {
                return "Unknown field '" + field + "'.";
            }
            return "Field '" + field + "' has a value of the wrong type.";
        }
        return "The body could not be read as the expected JSON document.";
    }
}
