package com.couchcart.overlay;

import com.couchcart.platform.Broadcasts;
import com.couchcart.testing.Admin;
import com.couchcart.testing.CouchCartTest;
import com.couchcart.testing.Database;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second instance, simulated by a second set of indexes in this JVM with its own Redis subscription,
 * converges on every change: by broadcast when it hears one, by its fingerprint check when it does not.
 */
@CouchCartTest
class IndexConvergenceTest {

    @Inject
    TimelineStore store;
    @Inject
    Broadcasts broadcasts;
    @Inject
    ObjectMapper mapper;

    private OverlayIndexes secondInstance;
    private String content;
    private String sku;

    @BeforeEach
    void startASecondInstance() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        content = "converge-" + suffix;
        sku = "SKU-C-" + suffix;
        Admin.product(sku, "10.00", true);
        Admin.vod(content, 60_000);
        Admin.timeline(content, List.of(Admin.cue("first", 0L, 1000L, sku, 0))).statusCode(200);

        secondInstance = new OverlayIndexes(store, broadcasts, mapper);
        secondInstance.start(null);
    }

    @Test
    void aChangeMadeOnOneInstanceReachesTheOther() throws Exception {
        assertThat(cueIds()).containsExactly("first");

        Admin.timeline(content, List.of(Admin.cue("second", 0L, 1000L, sku, 0))).statusCode(200);

        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(cueIds()).containsExactly("second"));
    }

    @Test
    void anInstanceThatMissedTheBroadcastCatchesUp() throws Exception {
        long before = secondInstance.get(content).content().version();
        // A change no broadcast announces, as if the message was lost.
        try (Connection connection = Database.service()) {
            connection.createStatement().execute("update overlay_cue set id = 'silent' where content_id = '" + content + "'");
            connection.createStatement().execute("update content set version = version + 1 where id = '" + content + "'");
        }
        assertThat(cueIds()).containsExactly("first");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            secondInstance.catchUp().await().indefinitely();
            assertThat(cueIds()).containsExactly("silent");
            assertThat(secondInstance.get(content).content().version()).isEqualTo(before + 1);
        });
    }

    private List<String> cueIds() throws java.io.IOException {
        var answer = secondInstance.get(content).window(0, 60_000, new Audience("any", null, null),
                System.currentTimeMillis());
        List<String> ids = new java.util.ArrayList<>();
        mapper.readTree(answer.body()).get("overlays").forEach(overlay -> ids.add(overlay.get("id").asText()));
        return ids;
    }
}
