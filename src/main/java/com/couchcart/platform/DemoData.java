package com.couchcart.platform;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads the demo catalogue, tenants and timelines at start when {@code couchcart.demo-data.enabled} (dev mode
 * does; a packaged app may, for demos and benchmarks). The script is idempotent, so every start may run it.
 * It runs before the in-memory read models load.
 */
@ApplicationScoped
public class DemoData {

    public static final String SCRIPT = "/demo/demo-data.sql";
    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final Pool pool;
    private final boolean enabled;
    private final Map<String, String> appKeys;

    public DemoData(Pool pool,
                    @ConfigProperty(name = "couchcart.demo-data.enabled") boolean enabled,
                    @ConfigProperty(name = "couchcart.demo.app-key.hisense") String hisenseKey,
                    @ConfigProperty(name = "couchcart.demo.app-key.xiaomi") String xiaomiKey) {
        this.pool = pool;
        this.enabled = enabled;
        this.appKeys = Map.of("hisenseAppKey", hisenseKey, "xiaomiAppKey", xiaomiKey);
    }

    void load(@Observes @Priority(1) StartupEvent event) {
        if (enabled) {
            pool.query(script(appKeys)).execute().await().indefinitely();
            LOG.info("Demo data loaded");
        }
    }

    /** The demo script with its placeholders ({@code ${name}}) replaced. */
    public static String script(Map<String, String> placeholders) {
        try (InputStream in = DemoData.class.getResourceAsStream(SCRIPT)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var placeholder : placeholders.entrySet()) {
                script = script.replace("${" + placeholder.getKey() + "}", placeholder.getValue().replace("'", "''"));
            }
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("The demo data script is missing", e);
        }
    }
}
