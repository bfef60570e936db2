package com.couchcart.platform.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Real PostgreSQL, Redis and a KRaft Kafka broker, started on free loopback ports for dev mode and tests
 * on a machine that has none of them and no Docker.
 *
 * <p>Each service starts at most once per JVM. Its address is kept in a system property rather than a
 * static field, because dev mode reloads application classes on every change while the JVM (and the
 * services) live on. The services stop when the JVM exits.
 */
public final class LocalStack {

    private static final Logger LOG = Logger.getLogger(LocalStack.class);

    /** The topics the application reads and writes; created up front so the first send finds them. */
    public static final List<String> TOPICS = List.of(
            "couchcart.orders", "couchcart.fulfillment", "couchcart.fulfillment.dlq", "couchcart.overlay-interactions",
            "couchcart.funnel.hourly", "couchcart.funnel.daily", "couchcart.funnel.holdouts");

    private LocalStack() {
    }

    /**
     * Runs the whole stack on its own, for benchmarks and demos of the packaged application: writes the
     * environment that points the service at it to the file named by the first argument, then runs until killed.
     */
    public static void main(String[] args) throws Exception {
        String postgres = postgres();
        ensureDatabase(postgres, "postgres", "couchcart");
        String environment = """
                QUARKUS_DATASOURCE_REACTIVE_URL=%s/couchcart
                QUARKUS_DATASOURCE_USERNAME=postgres
                QUARKUS_REDIS_HOSTS=%s
                KAFKA_BOOTSTRAP_SERVERS=%s
                """.formatted(postgres, redis(), kafka());
        java.nio.file.Files.writeString(java.nio.file.Path.of(args.length > 0 ? args[0] : "local-stack.env"), environment);
        Thread.currentThread().join();
    }

    /** A PostgreSQL server's base URL, {@code postgresql://127.0.0.1:PORT}; user {@code postgres}, no password. */
    public static String postgres() {
        return once("couchcart.local-stack.postgres", () -> {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setPort(freePort())
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .start();
                stopOnExit("PostgreSQL", postgres::close);
                return "postgresql://127.0.0.1:" + postgres.getPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
        });
    }

    /** A Redis server's URL, {@code redis://127.0.0.1:PORT}. */
    public static String redis() {
        return once("couchcart.local-stack.redis", () -> {
            try {
                int port = freePort();
                RedisServer redis = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .onShutdownForceStop(true)
                        .build();
                redis.start();
                stopOnExit("Redis", redis::stop);
                return "redis://127.0.0.1:" + port;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Redis", e);
            }
        });
    }

    /** A single-node KRaft Kafka cluster's bootstrap servers, with {@link #TOPICS} created. */
    public static String kafka() {
        return kafka(0);
    }

    /**
     * The same broker, telling clients to connect to {@code advertisedPort} (a proxy in front of it, which tests can
     * cut) instead of its own port; 0 to advertise its own. Answers the broker's own address.
     */
    public static String kafka(int advertisedPort) {
        return once("couchcart.local-stack.kafka", () -> {
            try {
                // An embedded broker must never end the JVM it shares (Kafka halts on fatal errors).
                Exit.setExitProcedure((status, message) -> LOG.warnf("Embedded Kafka asked to exit (%d): %s", status, message));
                Exit.setHaltProcedure((status, message) -> LOG.warnf("Embedded Kafka asked to halt (%d): %s", status, message));
                TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1);
                if (advertisedPort != 0) {
                    nodes.setPerServerProperties(Map.of(0, Map.of(
                            "advertised.listeners", "EXTERNAL://localhost:" + advertisedPort)));
                }
                KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes.build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("auto.create.topics.enable", "false")
                        .build();
                cluster.format();
                cluster.startup();
                cluster.waitForReadyBrokers();
                stopOnExit("Kafka", cluster::close);
                if (advertisedPort == 0) {
                    // Behind a proxy, clients reach the broker once the proxy knows where it is: its owner creates them.
                    createTopics(cluster.bootstrapServers(), TOPICS);
                }
                return cluster.bootstrapServers();
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the embedded Kafka broker", e);
            }
        });
    }

    /**
     * A fresh folder for Kafka Streams' local state, one per JVM: state kept beside an earlier broker would not
     * match this one's topics.
     */
    public static String kafkaStreamsStateDir() {
        return once("couchcart.local-stack.kafka-streams-state", () -> {
            try {
                // In the build's target folder where there is one: the OS may clear its temp folder under a running app.
                java.nio.file.Path target = java.nio.file.Path.of("target");
                return (java.nio.file.Files.isDirectory(target)
                        ? java.nio.file.Files.createTempDirectory(target, "kafka-streams-")
                        : java.nio.file.Files.createTempDirectory("couchcart-kafka-streams")).toAbsolutePath().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Creates the topics that do not exist yet, one partition each. */
    public static void createTopics(String bootstrapServers, Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get();
            var missing = topics.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, 1, (short) 1))
                    .toList();
            admin.createTopics(missing).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the Kafka topics " + topics, e);
        }
    }

    /**
     * Drops and creates a database on a PostgreSQL server, so that a test run starts from an empty schema
     * without touching any other database.
     */
    public static void recreateDatabase(String serverUrl, String user, String database) {
        try (var connection = DriverManager.getConnection("jdbc:" + serverUrl + "/postgres", user, "");
             var statement = connection.createStatement()) {
            statement.execute("drop database if exists \"" + database + "\" with (force)");
            statement.execute("create database \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on " + serverUrl, e);
        }
    }

    /** Creates a database on a PostgreSQL server unless it exists. */
    public static void ensureDatabase(String serverUrl, String user, String database) {
        try (var connection = DriverManager.getConnection("jdbc:" + serverUrl + "/postgres", user, "");
             var statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, database);
            if (!statement.executeQuery().next()) {
                connection.createStatement().execute("create database \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + " on " + serverUrl, e);
        }
    }

    private static String once(String property, Supplier<String> start) {
        // System properties are shared by every class loader of this JVM: the lock and the record of what runs.
        synchronized (System.getProperties()) {
            String address = System.getProperty(property);
            if (address == null) {
                long started = System.nanoTime();
                address = start.get();
                System.setProperty(property, address);
                LOG.infof("Local stack: %s at %s (%d ms)", property.substring(property.lastIndexOf('.') + 1), address,
                        (System.nanoTime() - started) / 1_000_000);
            }
            return address;
        }
    }

    private static void stopOnExit(String name, AutoCloseable service) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                LOG.debugf(e, "Stopping the local %s failed", name);
            }
        }, "local-stack-stop-" + name));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
