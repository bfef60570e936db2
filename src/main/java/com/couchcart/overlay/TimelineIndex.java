package com.couchcart.overlay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.AsciiString;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.CRC32C;

/**
 * The immutable read model of one content's timeline. Media time is cut at every cue start and end into
 * segments; each segment knows the cues covering it, so a lookup is a binary search, not a scan. Answers are
 * serialized once and kept with their ETag until the content changes (a new index replaces this one) or a
 * cue's wall-clock validity starts or ends.
 */
final class TimelineIndex {

    /**
     * An answer ready to send: {@code buffer} holds {@code body} for the HTTP layer, written as is to every
     * request (Vert.x writes a duplicate, never the buffer itself). {@code expiresAt}: epoch ms after which it
     * must be rendered again.
     */
    record Rendered(byte[] body, Buffer buffer, AsciiString etag, long expiresAt) {

        Rendered(byte[] body, String etag, long expiresAt) {
            this(body, Buffer.buffer(body), AsciiString.of(etag), expiresAt);
        }
    }

    /** Requests that see the same cues share a key: region, locale and tenant are reduced to what matters. */
    private record Key(boolean window, int first, int last, String tenant, String regions, String locales) {
    }

    static final Comparator<Cue> BY_PRIORITY = Comparator.comparingInt(Cue::priority).reversed()
            .thenComparing(Cue::startMs, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Cue::id);
    static final Comparator<Cue> BY_START = Comparator.comparing(Cue::startMs, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(BY_PRIORITY);
    private static final int MAX_CACHED_ANSWERS = 4096;
    private static final int NO_SEGMENT = -1;

    private final ContentInfo content;
    private final Map<String, Cue> cuesById;
    private final long[] bounds;
    private final Cue[][] segments;
    private final Set<String> targetedTenants;
    private final List<String> targetedRegions;
    private final List<String> targetedLocales;
    private final ObjectMapper mapper;
    private final Map<Key, Rendered> answers = new ConcurrentHashMap<>();

    private TimelineIndex(ContentInfo content, List<Cue> cues, ObjectMapper mapper) {
        this.content = content;
        this.mapper = mapper;
        this.cuesById = cues.stream().collect(Collectors.toUnmodifiableMap(Cue::id, Function.identity()));
        List<Cue> timed = cues.stream().filter(Cue::hasInterval).toList();
        TreeSet<Long> edges = new TreeSet<>();
        timed.forEach(cue -> {
            edges.add(cue.startMs());
            edges.add(cue.endMs());
        });
        this.bounds = edges.stream().mapToLong(Long::longValue).toArray();
        this.segments = new Cue[Math.max(bounds.length - 1, 0)][];
        for (int i = 0; i < segments.length; i++) {
            long from = bounds[i];
            long to = bounds[i + 1];
            segments[i] = timed.stream().filter(cue -> cue.startMs() <= from && cue.endMs() >= to)
                    .sorted(BY_PRIORITY).toArray(Cue[]::new);
        }
        this.targetedTenants = cues.stream().flatMap(cue -> cue.targeting().tenants().stream())
                .collect(Collectors.toUnmodifiableSet());
        this.targetedRegions = cues.stream().flatMap(cue -> cue.targeting().regions().stream()).distinct().sorted().toList();
        this.targetedLocales = cues.stream().flatMap(cue -> cue.targeting().locales().stream()).distinct().sorted().toList();
    }

    static TimelineIndex of(ContentInfo content, List<Cue> cues, ObjectMapper mapper) {
        return new TimelineIndex(content, cues, mapper);
    }

    ContentInfo content() {
        return content;
    }

    Cue cue(String id) {
        return cuesById.get(id);
    }

    /** The cues active at media time {@code at}: {@code startMs <= at < endMs}, highest priority first. */
    Rendered at(long at, Audience audience, long now) {
        int segment = segmentContaining(at);
        return answer(new Key(false, segment, segment, tenantKey(audience), regionKey(audience), localeKey(audience)),
                audience, now);
    }

    /** Every cue intersecting {@code [from, to)}, in order of start. */
    Rendered window(long from, long to, Audience audience, long now) {
        int first = NO_SEGMENT;
        int last = NO_SEGMENT;
        if (segments.length > 0 && from < bounds[bounds.length - 1] && to > bounds[0]) {
            first = from < bounds[0] ? 0 : segmentContaining(from);
            last = Math.min(lastBoundBefore(to), segments.length - 1);
        }
        return answer(new Key(true, first, last, tenantKey(audience), regionKey(audience), localeKey(audience)),
                audience, now);
    }

    private Rendered answer(Key key, Audience audience, long now) {
        Rendered cached = answers.get(key);
        if (cached != null && now < cached.expiresAt()) {
            return cached;
        }
        Rendered rendered = render(key, audience, now);
        if (answers.size() >= MAX_CACHED_ANSWERS) {
            answers.clear();
        }
        answers.put(key, rendered);
        return rendered;
    }

    private Rendered render(Key key, Audience audience, long now) {
        Collection<Cue> candidates = key.first() == NO_SEGMENT ? List.of() : candidates(key.first(), key.last());
        long expiresAt = Long.MAX_VALUE;
        List<Cue> shown = new ArrayList<>();
        for (Cue cue : candidates) {
            expiresAt = Math.min(expiresAt, cue.nextValidityChangeAfter(now));
            if (cue.shownTo(audience.tenant(), audience.region(), audience.locale(), now)) {
                shown.add(cue);
            }
        }
        shown.sort(key.window() ? BY_START : BY_PRIORITY);
        var document = new OverlayView.Document(content.id(), content.version(),
                shown.stream().map(OverlayView::of).toList());
        try {
            byte[] body = mapper.writeValueAsBytes(document);
            CRC32C crc = new CRC32C();
            crc.update(body);
            return new Rendered(body, "\"" + content.version() + "-" + Long.toHexString(crc.getValue()) + "\"", expiresAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An overlay document could not be serialized", e);
        }
    }

    private Collection<Cue> candidates(int first, int last) {
        if (first == last) {
            return Arrays.asList(segments[first]);
        }
        Set<Cue> union = new LinkedHashSet<>();
        for (int i = first; i <= last; i++) {
            union.addAll(Arrays.asList(segments[i]));
        }
        return union;
    }

    /** The segment {@code [bounds[i], bounds[i+1])} that holds {@code t}, or {@link #NO_SEGMENT}. */
    private int segmentContaining(long t) {
        int i = Arrays.binarySearch(bounds, t);
        int segment = i >= 0 ? i : -i - 2;
        return segment >= 0 && segment < segments.length ? segment : NO_SEGMENT;
    }

    /** The largest i with {@code bounds[i] < t}. */
    private int lastBoundBefore(long t) {
        int i = Arrays.binarySearch(bounds, t);
        return i >= 0 ? i - 1 : -i - 2;
    }

    private String tenantKey(Audience audience) {
        return targetedTenants.contains(audience.tenant()) ? audience.tenant() : "";
    }

    private String regionKey(Audience audience) {
        return matching(targetedRegions, audience.region());
    }

    private String localeKey(Audience audience) {
        return matching(targetedLocales, audience.locale());
    }

    private static String matching(List<String> targets, String requested) {
        if (requested == null || targets.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String target : targets) {
            if (Targeting.covers(target, requested)) {
                key.append(target).append(',');
            }
        }
        return key.toString();
    }
}
