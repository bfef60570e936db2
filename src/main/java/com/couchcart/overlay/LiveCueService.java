package com.couchcart.overlay;

import com.couchcart.platform.Broadcasts;
import com.couchcart.platform.problem.ProblemException;
import com.couchcart.platform.problem.ProblemType;
import com.couchcart.tenant.TenantDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ReactiveSortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live cues: an operator fires one on a channel; every instance hears of it (Redis pub/sub) and passes it to
 * its own subscribers. The cues still running are kept in Redis, so a TV that tunes in late sees them too; each
 * instance reads them from Redis once per channel and then keeps them in memory from the broadcasts, because a
 * live show's start brings tens of thousands of TVs at once, and a Redis read each would overrun the pool.
 */
@ApplicationScoped
public class LiveCueService {

    static final String TOPIC = "live-cues";
    private static final String RUNNING = "couchcart:live:running:";
    private static final Logger LOG = Logger.getLogger(LiveCueService.class);

    private final OverlayIndexes indexes;
    private final TimelineStore store;
    private final TenantDirectory tenants;
    private final Broadcasts broadcasts;
    private final ReactiveSortedSetCommands<String, String> running;
    private final ObjectMapper mapper;
    private final Map<String, BroadcastProcessor<Firing>> channels = new ConcurrentHashMap<>();
    /** Per channel: the cues fired while this instance runs, as broadcast (pruned as they end). */
    private final Map<String, Map<String, LiveCue>> runningHere = new ConcurrentHashMap<>();
    /** Per channel: the cues that were running in Redis when this instance first served the channel. */
    private final Map<String, Uni<List<LiveCue>>> runningBefore = new ConcurrentHashMap<>();

    /**
     * A cue on its way to subscribers, with its event data serialized once for all of them.
     *
     * @param id   the SSE event id: the cue id and the instant it was fired
     * @param data the {@link LiveCueView} as JSON
     */
    public record Firing(LiveCue cue, String id, String data) {
    }

    public LiveCueService(OverlayIndexes indexes, TimelineStore store, TenantDirectory tenants, Broadcasts broadcasts,
                          ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.indexes = indexes;
        this.store = store;
        this.tenants = tenants;
        this.broadcasts = broadcasts;
        this.running = redis.sortedSet(String.class);
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        broadcasts.follow(TOPIC, json -> {
            LiveCue cue = parse(json);
            if (cue != null) {
                Map<String, LiveCue> running = runningHere.computeIfAbsent(cue.channelId(), id -> new ConcurrentHashMap<>());
                running.values().removeIf(known -> known.endsAt() <= System.currentTimeMillis());
                running.put(cue.firingId(), cue);
                hub(cue.channelId()).onNext(firing(cue));
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** Fires a cue on a live channel, for every subscriber on every instance. */
    public Uni<LiveCueView> fire(String channelId, FireRequest request) {
        TimelineIndex channel = liveChannel(channelId);
        return cueToFire(channel, request).flatMap(cue -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            LiveCue fired = new LiveCue(channelId, OverlayView.of(cue), cue.targeting(), now, request.durationMs());
            String json = json(fired);
            return running.zremrangebyscore(RUNNING + channelId, ScoreRange.from(0, now.toEpochMilli()))
                    .flatMap(removed -> running.zadd(RUNNING + channelId, fired.endsAt(), json))
                    .flatMap(added -> broadcasts.publish(TOPIC, json))
                    .replaceWith(LiveCueView.of(fired, now.toEpochMilli()));
        });
    }

    /** The cues a TV of this audience sees on a channel: those still running, then each one fired from now on. */
    public Multi<Firing> subscribe(String tenant, String channelId, String region, String locale) {
        if (!tenants.exists(tenant)) {
            throw ProblemException.notFound("No tenant '" + tenant + "'.");
        }
        liveChannel(channelId);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Multi<Firing> stillRunning = runningBefore(channelId)
                .onFailure().recoverWithItem(List.of()) // Redis away: the stream still brings every new cue
                .map(before -> {
                    List<LiveCue> cues = new ArrayList<>(before);
                    cues.addAll(runningHere.getOrDefault(channelId, Map.of()).values());
                    return cues;
                })
                .onItem().transformToMulti(cues -> Multi.createFrom().iterable(cues))
                .map(this::firing);
        // Subscribed together, so a cue fired while the running ones are read is not missed (but may come twice).
        return Multi.createBy().merging().streams(stillRunning, hub(channelId))
                .filter(firing -> seen.add(firing.id()))
                .filter(firing -> firing.cue().targeting().admits(tenant, region, locale))
                .filter(firing -> firing.cue().endsAt() > System.currentTimeMillis());
    }

    /** The cues running in Redis when this instance first served the channel: read once, shared by every subscriber. */
    private Uni<List<LiveCue>> runningBefore(String channelId) {
        return runningBefore.computeIfAbsent(channelId, id -> running
                .zrangebyscore(RUNNING + id, ScoreRange.from((double) System.currentTimeMillis(), Double.MAX_VALUE))
                .map(members -> members.stream().map(this::parse).filter(Objects::nonNull).toList())
                .onFailure().invoke(failure -> runningBefore.remove(id)) // read again by the next subscriber
                .memoize().indefinitely());
    }

    private TimelineIndex liveChannel(String channelId) {
        TimelineIndex channel = indexes.get(channelId);
        if (channel == null) {
            throw ProblemException.notFound("No channel '" + channelId + "'.");
        }
        if (channel.content().kind() != ContentInfo.Kind.LIVE) {
            throw new ProblemException(ProblemType.CONFLICT, "'" + channelId + "' is not a live channel.");
        }
        return channel;
    }

    private Uni<Cue> cueToFire(TimelineIndex channel, FireRequest request) {
        if (request.prepared()) {
            Cue cue = channel.cue(request.cueId());
            if (cue == null) {
                return Uni.createFrom().failure(ProblemException.notFound(
                        "No prepared cue '" + request.cueId() + "' on channel '" + channel.content().id() + "'."));
            }
            return active(cue);
        }
        if (request.id() == null || request.sku() == null || request.placement() == null) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION,
                    "Give cueId, a prepared cue of the channel, or an inline cue with id, sku and placement."));
        }
        return store.product(request.sku()).flatMap(product -> {
            if (product == null) {
                return Uni.createFrom().failure(new ProblemException(ProblemType.VALIDATION,
                        "No product '" + request.sku() + "'."));
            }
            return active(new Cue(request.id(), null, null, product, request.placement(), request.cta(),
                    request.campaignId(), request.priority() == null ? 0 : request.priority(),
                    request.targeting() == null ? Targeting.EVERYONE : request.targeting(), null, null));
        });
    }

    private static Uni<Cue> active(Cue cue) {
        if (!cue.product().active()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.CONFLICT,
                    "Product '" + cue.product().sku() + "' is not active."));
        }
        return Uni.createFrom().item(cue);
    }

    private Firing firing(LiveCue cue) {
        return new Firing(cue, cue.firingId(), json(LiveCueView.of(cue, System.currentTimeMillis())));
    }

    private BroadcastProcessor<Firing> hub(String channelId) {
        return channels.computeIfAbsent(channelId, id -> BroadcastProcessor.create());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A live cue could not be serialized", e);
        }
    }

    private LiveCue parse(String json) {
        try {
            return mapper.readValue(json, LiveCue.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring a live cue that could not be read: %s", e.getMessage());
            return null;
        }
    }
}
