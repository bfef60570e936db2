package com.couchcart.overlay;

import com.couchcart.platform.problem.Problem.FieldError;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules a timeline must meet as a whole, beyond the shape of each cue. Finds every offence, so the
 * problem document can list them all at once.
 */
final class TimelineValidator {

    private TimelineValidator() {
    }

    /**
     * @param content       the content the timeline belongs to
     * @param cues          the new timeline
     * @param products      the SKUs that exist, mapped to whether each is active
     * @param tenants       the tenant ids that exist
     * @param maxOverlapping how many cues may be on screen at one moment
     */
    static List<FieldError> check(ContentInfo content, List<CueRequest> cues, Map<String, Boolean> products,
                                  Set<String> tenants, int maxOverlapping) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cues.size(); i++) {
            CueRequest cue = cues.get(i);
            String at = "cues[" + i + "].";
            String name = "cue '" + cue.id() + "': ";
            if (!ids.add(cue.id())) {
                errors.add(new FieldError(at + "id", name + "the id is used by another cue of this timeline"));
            }
            checkTimes(content, cue, at, name, errors);
            Boolean active = products.get(cue.sku());
            if (active == null) {
                errors.add(new FieldError(at + "sku", name + "no product '" + cue.sku() + "'"));
            } else if (!active) {
                errors.add(new FieldError(at + "sku", name + "product '" + cue.sku() + "' is not active"));
            }
            cue.targetingOrEveryone().tenants().stream().filter(tenant -> !tenants.contains(tenant))
                    .forEach(tenant -> errors.add(new FieldError(at + "targeting.tenants", name + "no tenant '" + tenant + "'")));
            if (cue.validFrom() != null && cue.validUntil() != null && !cue.validFrom().isBefore(cue.validUntil())) {
                errors.add(new FieldError(at + "validUntil", name + "validUntil must be after validFrom"));
            }
        }
        checkOverlap(cues, maxOverlapping, errors);
        return errors;
    }

    private static void checkTimes(ContentInfo content, CueRequest cue, String at, String name, List<FieldError> errors) {
        Long start = cue.startMs();
        Long end = cue.endMs();
        if (content.kind() == ContentInfo.Kind.VOD && (start == null || end == null)) {
            errors.add(new FieldError(at + (start == null ? "startMs" : "endMs"),
                    name + "a cue of a VOD content needs startMs and endMs"));
            return;
        }
        if ((start == null) != (end == null)) {
            errors.add(new FieldError(at + (start == null ? "startMs" : "endMs"), name + "give both startMs and endMs, or neither"));
            return;
        }
        if (start == null) {
            return;
        }
        if (start >= end) {
            errors.add(new FieldError(at + "endMs", name + "endMs must be after startMs"));
        }
        if (content.durationMs() != null && end > content.durationMs()) {
            errors.add(new FieldError(at + "endMs",
                    name + "endMs must be at most the content's duration (" + content.durationMs() + " ms)"));
        }
    }

    /** A sweep over the cue edges: where more than {@code max} cues are on screen, name the cue that tipped it. */
    private static void checkOverlap(List<CueRequest> cues, int max, List<FieldError> errors) {
        TreeMap<Long, List<Integer>> starts = new TreeMap<>();
        TreeMap<Long, Integer> ends = new TreeMap<>();
        for (int i = 0; i < cues.size(); i++) {
            CueRequest cue = cues.get(i);
            if (cue.startMs() != null && cue.endMs() != null && cue.startMs() < cue.endMs()) {
                starts.computeIfAbsent(cue.startMs(), key -> new ArrayList<>()).add(i);
                ends.merge(cue.endMs(), 1, Integer::sum);
            }
        }
        Set<Long> edges = new TreeSet<>(starts.keySet());
        edges.addAll(ends.keySet());
        int onScreen = 0;
        for (long edge : edges) {
            onScreen -= ends.getOrDefault(edge, 0);
            for (int index : starts.getOrDefault(edge, List.of())) {
                onScreen++;
                if (onScreen > max) {
                    errors.add(new FieldError("cues[" + index + "].startMs", "cue '" + cues.get(index).id()
                            + "': more than " + max + " cues would be on screen at " + edge + " ms"));
                }
            }
        }
    }
}
