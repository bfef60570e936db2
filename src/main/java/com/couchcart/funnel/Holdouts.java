package com.couchcart.funnel;

import com.couchcart.platform.Broadcasts;
import com.couchcart.platform.Upserted;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Campaigns and the devices held out of them. A device is held out of a campaign when a hash of (device,
 * campaign) falls below the campaign's holdout share: the same answer on every instance and for every call, with
 * no state per device. The shares are kept in memory, fresh by broadcast and catch-up like the tenant directory.
 */
@ApplicationScoped
public class Holdouts {

    static final String TOPIC = "campaigns";
    private static final Logger LOG = Logger.getLogger(Holdouts.class);

    private final CampaignStore store;
    private final Broadcasts broadcasts;
    private volatile Map<String, BigDecimal> shares = Map.of();

    Holdouts(CampaignStore store, Broadcasts broadcasts) {
        this.store = store;
        this.broadcasts = broadcasts;
    }

    void start(@Observes StartupEvent event) {
        broadcasts.keepFresh(TOPIC, this::refresh);
    }

    Uni<Upserted<Campaign>> put(String id, CampaignRequest request) {
        return store.put(id, request.name(), request.holdoutShare() == null ? BigDecimal.ZERO : request.holdoutShare())
                .call(() -> broadcasts.announce(TOPIC, this::refresh));
    }

    Uni<Campaign> find(String id) {
        return store.find(id);
    }

    /** The campaigns this device is held out of, in id order. */
    public List<String> heldOut(String deviceId) {
        return shares.entrySet().stream()
                .filter(campaign -> heldOut(deviceId, campaign.getKey(), campaign.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /** Whether the device's place in [0, 1) for this campaign falls below the share. */
    public static boolean heldOut(String deviceId, String campaignId, BigDecimal share) {
        return share.signum() > 0 && place(deviceId, campaignId) < share.doubleValue();
    }

    static double place(String deviceId, String campaignId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((deviceId + "\n" + campaignId).getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Scheduled(every = "${couchcart.catch-up-interval}", delayed = "${couchcart.catch-up-interval}")
    Uni<Void> refresh() {
        return store.all()
                .invoke(campaigns -> {
                    TreeMap<String, BigDecimal> loaded = new TreeMap<>();
                    campaigns.forEach(campaign -> loaded.put(campaign.id(), campaign.holdoutShare()));
                    shares = java.util.Collections.unmodifiableSortedMap(loaded);
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.warn("Could not refresh the campaigns", failure))
                .onFailure().recoverWithNull();
    }
}
