package com.couchcart.overlay;

import com.couchcart.platform.Broadcasts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's timeline indexes, one per content. Built at start; rebuilt when a content changes here,
 * when another instance broadcasts a change, and when the periodic fingerprint check finds a change that a
 * lost broadcast did not announce.
 */
@ApplicationScoped
public class OverlayIndexes {

    static final String TOPIC = "contents";
    private static final Logger LOG = Logger.getLogger(OverlayIndexes.class);

    private final TimelineStore store;
    private final Broadcasts broadcasts;
    private final ObjectMapper mapper;
    private final Map<String, TimelineIndex> indexes = new ConcurrentHashMap<>();
    /** The fingerprints the last check saw; taken before loading, so a change during a load is seen next time. */
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();

    public OverlayIndexes(TimelineStore store, Broadcasts broadcasts, ObjectMapper mapper) {
        this.store = store;
        this.broadcasts = broadcasts;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        catchUp().await().indefinitely();
        broadcasts.follow(TOPIC, this::reload);
    }

    /** The index of a content, or null when there is no such content. */
    TimelineIndex get(String contentId) {
        return indexes.get(contentId);
    }

    /** What an overlay promotes: its campaign (null for none) and product. */
    public record Promotion(String campaignId, String sku) {

        static final Promotion UNKNOWN = new Promotion(null, null);
    }

    /** What an overlay (a cue of a content) promotes; {@link Promotion#UNKNOWN} when either is unknown. */
    public Promotion promotion(String contentId, String overlayId) {
        TimelineIndex index = contentId == null || overlayId == null ? null : indexes.get(contentId);
        Cue cue = index == null ? null : index.cue(overlayId);
        return cue == null ? Promotion.UNKNOWN : new Promotion(cue.campaignId(), cue.product().sku());
    }

    /** Rebuilds a content's index here and tells the other instances to do the same. */
    Uni<Void> changed(String contentId) {
        return reload(contentId).call(() -> broadcasts.publish(TOPIC, contentId));
    }

    Uni<Void> reload(String contentId) {
        return store.load(contentId).invoke(loaded -> {
            if (loaded == null) {
                indexes.remove(contentId);
            } else {
                indexes.put(contentId, TimelineIndex.of(loaded.getKey(), loaded.getValue(), mapper));
            }
        }).replaceWithVoid();
    }

    /** Reloads every content whose fingerprint changed since the last check, and forgets deleted ones. */
    @Scheduled(every = "${couchcart.catch-up-interval}", delayed = "${couchcart.catch-up-interval}")
    Uni<Void> catchUp() {
        return store.fingerprints().flatMap(current -> {
            indexes.keySet().removeIf(id -> !current.containsKey(id));
            fingerprints.keySet().removeIf(id -> !current.containsKey(id));
            List<String> stale = current.entrySet().stream()
                    .filter(entry -> !entry.getValue().equals(fingerprints.get(entry.getKey())))
                    .map(Map.Entry::getKey).toList();
            stale.forEach(id -> fingerprints.put(id, current.get(id)));
            return Multi.createFrom().iterable(stale).onItem().transformToUniAndConcatenate(this::reload)
                    .collect().last().replaceWithVoid();
        }).onFailure().invoke(failure -> LOG.warn("Could not check the timelines for changes", failure))
                .onFailure().recoverWithNull();
    }
}
