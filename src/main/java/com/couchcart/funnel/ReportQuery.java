package com.couchcart.funnel;

import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a funnel report asks: the hours {@code [from, to)}, the dimensions to group by, and filters. Made from the
 * request's parameters by {@link #parse}, which refuses anything it cannot read as a 400 naming every bad field.
 */
record ReportQuery(Instant from, Instant to, List<Dimension> groupBy, String tenant, String campaignId,
                   String contentId, String overlayId) {

    static final Duration LONGEST = Duration.ofDays(400);
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** What a report can group by, with the name of its key in the answer. */
    enum Dimension {
        TENANT, CAMPAIGN, CONTENT, OVERLAY, DAY, HOUR;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static ReportQuery parse(String from, String to, String groupBy, String tenant, String campaignId, String contentId,
                             String overlayId, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant end = instant("to", to, errors, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        Instant start = instant("from", from, errors, end == null ? null : end.minus(DEFAULT_SPAN));
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                errors.add(new FieldError("from", "must be before 'to' (both rounded down to the hour)"));
            } else if (Duration.between(start, end).compareTo(LONGEST) > 0) {
                errors.add(new FieldError("to", "at most 400 days after 'from'"));
            }
        }
        List<Dimension> dimensions = dimensions(groupBy, errors);
        id("tenant", tenant, errors);
        id("campaignId", campaignId, errors);
        id("contentId", contentId, errors);
        id("overlayId", overlayId, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.get(0).field() + ": " + errors.get(0).message(),
                    errors, Map.of());
        }
        return new ReportQuery(start, end, dimensions, tenant, campaignId, contentId, overlayId);
    }

    ReportQuery withoutGrouping() {
        return new ReportQuery(from, to, List.of(), tenant, campaignId, contentId, overlayId);
    }

    ReportQuery within(Instant start, Instant end) {
        return new ReportQuery(start, end, groupBy, tenant, campaignId, contentId, overlayId);
    }

    ReportQuery forTenant(String onlyTenant) {
        return new ReportQuery(from, to, groupBy, onlyTenant, campaignId, contentId, overlayId);
    }

    private static Instant instant(String field, String value, List<FieldError> errors, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value).truncatedTo(ChronoUnit.HOURS);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }

    private static List<Dimension> dimensions(String groupBy, List<FieldError> errors) {
        if (groupBy == null || groupBy.isBlank()) {
            return List.of(Dimension.CAMPAIGN);
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (String name : groupBy.split(",", -1)) {
            Dimension dimension = null;
            for (Dimension candidate : Dimension.values()) {
                if (candidate.key().equals(name.trim())) {
                    dimension = candidate;
                }
            }
            if (dimension == null) {
                errors.add(new FieldError("groupBy", "'" + name + "' is none of tenant, campaign, content, overlay, day, hour"));
            } else if (dimensions.contains(dimension)) {
                errors.add(new FieldError("groupBy", "'" + name + "' is named twice"));
            } else {
                dimensions.add(dimension);
            }
        }
        return List.copyOf(dimensions);
    }

    private static void id(String field, String value, List<FieldError> errors) {
        if (value != null && !ID.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
    }
}
