package com.couchcart.platform.problem;

import jakarta.ws.rs.core.Response;

import java.net.URI;

/** The kinds of problem CouchCart answers with; the type URI and title are stable for clients to match. */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", Response.Status.BAD_REQUEST),
    MALFORMED_BODY("malformed-body", "Malformed request body", Response.Status.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication required", Response.Status.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Not allowed", Response.Status.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", Response.Status.NOT_FOUND),
    CONFLICT("conflict", "Conflict", Response.Status.CONFLICT),
    STALE("stale", "Changed since you read it", Response.Status.PRECONDITION_FAILED),
    LIMIT("limit", "Limit reached", Response.Status.CONFLICT),
    INSUFFICIENT_STOCK("insufficient-stock", "Not enough stock", Response.Status.CONFLICT),
    GONE("gone", "No longer available", Response.Status.GONE),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key used for another request", 422),
    RATE_LIMITED("rate-limited", "Too many attempts", Response.Status.TOO_MANY_REQUESTS),
    /** RFC 8628's {@code slow_down}: the client polls too often and should add 5 s to its interval. */
    SLOW_DOWN("slow-down", "Polling too fast", Response.Status.TOO_MANY_REQUESTS),
    UNAVAILABLE("unavailable", "Service temporarily unavailable", Response.Status.SERVICE_UNAVAILABLE),
    INTERNAL("internal", "Internal error", Response.Status.INTERNAL_SERVER_ERROR);

    private static final String BASE = "https://couchcart.dev/problems/";

    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, Response.Status status) {
        this(slug, title, status.getStatusCode());
    }

    ProblemType(String slug, String title, int status) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
