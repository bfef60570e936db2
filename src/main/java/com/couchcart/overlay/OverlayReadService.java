package com.couchcart.overlay;

import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The TV's overlay reads: checks the request, then answers from this instance's index, never from a database. */
@ApplicationScoped
public class OverlayReadService {

    private static final Pattern MEDIA_TIME = Pattern.compile("[0-9]{1,15}");
    private static final Pattern REGION = Pattern.compile(Targeting.REGION);
    private static final Pattern LOCALE = Pattern.compile(Targeting.LOCALE);

    private final OverlayIndexes indexes;
    private final TenantDirectory tenants;
    private final long maxWindowMs;

    public OverlayReadService(OverlayIndexes indexes, TenantDirectory tenants,
                              @ConfigProperty(name = "couchcart.overlay.max-window") java.time.Duration maxWindow) {
        this.indexes = indexes;
        this.tenants = tenants;
        this.maxWindowMs = maxWindow.toMillis();
    }

    /** The raw query of an overlay read, as the TV sent it. */
    public record Query(String tenant, String contentId, String at, String from, String to, String region, String locale) {
    }

    TimelineIndex.Rendered read(Query query) {
        List<FieldError> errors = new ArrayList<>();
        Long at = mediaTime("at", query.at(), errors);
        Long from = mediaTime("from", query.from(), errors);
        Long to = mediaTime("to", query.to(), errors);
        check(query.region() == null || REGION.matcher(query.region()).matches(), "region",
                "must be an ISO 3166-2 code such as CN-ZJ", errors);
        check(query.locale() == null || LOCALE.matcher(query.locale()).matches(), "locale",
                "must be a BCP 47 tag such as zh-CN", errors);
        boolean window = query.from() != null || query.to() != null;
        if (errors.isEmpty()) {
            check(!(query.at() != null && window), "at", "give either at, or from and to, not both", errors);
            check(query.at() != null || window, "at", "give at, or from and to", errors);
            if (window) {
                check(query.from() != null, "from", "a window needs from and to", errors);
                check(query.to() != null, "to", "a window needs from and to", errors);
            }
            if (from != null && to != null) {
                check(from < to, "to", "must be greater than from", errors);
                check(to - from <= maxWindowMs, "to", "the window may span at most " + maxWindowMs + " ms", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, errors.get(0).field() + ": " + errors.get(0).message(),
                    errors, Map.of());
        }
        if (!tenants.exists(query.tenant())) {
            throw ProblemException.notFound("No tenant '" + query.tenant() + "'.");
        }
        TimelineIndex index = indexes.get(query.contentId());
        if (index == null) {
            throw ProblemException.notFound("No content '" + query.contentId() + "'.");
        }
        Audience audience = new Audience(query.tenant(), query.region(), query.locale());
        long now = System.currentTimeMillis();
        return at != null ? index.at(at, audience, now) : index.window(from, to, audience, now);
    }

    private static Long mediaTime(String name, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        if (!MEDIA_TIME.matcher(value).matches()) {
            errors.add(new FieldError(name, "must be a non-negative whole number of milliseconds"));
            return null;
        }
        return Long.parseLong(value);
    }

    private static void check(boolean ok, String field, String message, List<FieldError> errors) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
    }
}
