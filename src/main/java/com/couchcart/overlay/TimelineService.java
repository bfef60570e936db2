package com.couchcart.overlay;

import com.couchcart.catalog.ProductListener;
import com.couchcart.platform.Upserted;
import com.couchcart.platform.problem.Problem.FieldError;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Authoring: contents and their timelines, each change checked as a whole and applied atomically. */
@ApplicationScoped
public class TimelineService implements ProductListener {

    private final TimelineStore store;
    private final OverlayIndexes indexes;
    private final int maxOverlapping;

    public TimelineService(TimelineStore store, OverlayIndexes indexes,
                           @ConfigProperty(name = "couchcart.overlay.max-overlapping-cues") int maxOverlapping) {
        this.store = store;
        this.indexes = indexes;
        this.maxOverlapping = maxOverlapping;
    }

    /** Creates or updates a content; refuses a change its timeline would no longer fit. */
    public Uni<Upserted<ContentView>> putContent(String id, ContentRequest request) {
        if (request.kind() == ContentInfo.Kind.VOD && request.durationMs() == null) {
            return invalid("durationMs", "a VOD content needs its duration");
        }
        if (request.kind() == ContentInfo.Kind.LIVE && request.durationMs() != null) {
            return invalid("durationMs", "a LIVE channel has no duration");
        }
        return store.pool().withTransaction(tx -> store.extent(tx, id).flatMap(extent -> {
                    if (request.kind() == ContentInfo.Kind.VOD && extent.hasUntimedCues()) {
                        return conflict("The timeline has cues without media times; a VOD content needs them.");
                    }
                    if (request.durationMs() != null && extent.lastEndMs() != null
                            && extent.lastEndMs() > request.durationMs()) {
                        return conflict("The timeline has a cue ending at " + extent.lastEndMs()
                                + " ms, after the new duration.");
                    }
                    return store.upsertContent(tx, id, request.title(), request.kind(), request.durationMs())
                            .flatMap(created -> store.lockContent(tx, id)
                                    .map(content -> new Upserted<>(ContentView.of(content), created)));
                }))
                .call(saved -> indexes.changed(id));
    }

    /** Replaces every cue of a content, or changes nothing and lists every problem. */
    public Uni<ContentView> replaceTimeline(String id, TimelineRequest request) {
        List<CueRequest> cues = request.cues();
        Set<String> skus = cues.stream().map(CueRequest::sku).collect(Collectors.toSet());
        Set<String> tenants = cues.stream().flatMap(cue -> cue.targetingOrEveryone().tenants().stream())
                .collect(Collectors.toSet());
        return store.pool().withTransaction(tx -> store.lockContent(tx, id).flatMap(content -> {
                    if (content == null) {
                        return Uni.createFrom().failure(ProblemException.notFound("No content '" + id + "'."));
                    }
                    return store.productStates(tx, skus).flatMap(products -> store.existingTenants(tx, tenants)
                            .flatMap(knownTenants -> {
                                List<FieldError> errors = TimelineValidator.check(content, cues, products,
                                        knownTenants, maxOverlapping);
                                if (!errors.isEmpty()) {
                                    return Uni.createFrom().<ContentView>failure(new ProblemException(
                                            ProblemType.VALIDATION, "The timeline was not changed: " + errors.size()
                                            + " problem(s) in its cues.", errors, Map.of()));
                                }
                                return store.replaceCues(tx, id, cues).map(version -> new ContentView(
                                        content.id(), content.title(), content.kind(), content.durationMs(), version));
                            }));
                }))
                .call(saved -> indexes.changed(id));
    }

    /** A product's title, price, image or state shows in overlays: their contents change with it. */
    @Override
    public Uni<Void> productChanged(String sku) {
        return store.bumpContentsShowing(sku).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(indexes::changed)
                .collect().last().replaceWithVoid());
    }

    /** The content and its timeline as authored, or null. */
    public Uni<Map.Entry<ContentInfo, List<Cue>>> find(String id) {
        return store.load(id);
    }

    private static <T> Uni<T> invalid(String field, String message) {
        return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new FieldError(field, message)), Map.of()));
    }

    private static <T> Uni<T> conflict(String detail) {
        return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT, detail));
    }
}
