package com.couchcart.platform.localstack;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In dev mode ({@code ./mvnw quarkus:dev}), points the application at the {@link LocalStack} for every
 * service that the environment or the configuration does not name already, so a fresh machine needs
 * neither installed services nor Docker. Other profiles are left untouched.
 */
public class LocalStackConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "couchcart.local-stack.enabled";
    static final String DATABASE = "couchcart";
    /** Below application.properties (250) and the environment (300): anything configured wins. */
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev") || "false".equals(value(context, ENABLED))) {
            return List.of();
        }
        Map<String, String> properties = new HashMap<>();
        if (value(context, "quarkus.datasource.reactive.url") == null) {
            String server = LocalStack.postgres();
            LocalStack.ensureDatabase(server, "postgres", DATABASE);
            properties.put("quarkus.datasource.reactive.url", server + "/" + DATABASE);
            properties.put("quarkus.datasource.username", "postgres");
        }
        if (value(context, "quarkus.redis.hosts") == null) {
            properties.put("quarkus.redis.hosts", LocalStack.redis());
        }
        if (value(context, "kafka.bootstrap.servers") == null) {
            properties.put("kafka.bootstrap.servers", LocalStack.kafka());
            properties.put("kafka-streams.state.dir", LocalStack.kafkaStreamsStateDir());
        }
        return List.of(new PropertiesConfigSource(properties, "CouchCart local stack", ORDINAL));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
