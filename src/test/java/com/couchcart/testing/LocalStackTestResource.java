package com.couchcart.testing;

import com.couchcart.platform.localstack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives the test run real PostgreSQL, Redis and Kafka: the services the environment names
 * ({@code COUCHCART_TEST_POSTGRES_URL}, {@code COUCHCART_TEST_REDIS_URL}, {@code COUCHCART_TEST_KAFKA_BOOTSTRAP}),
 * otherwise the embedded {@link LocalStack}. Tests get a database of their own, recreated empty for every run,
 * and their own Redis index, so a run never touches local data.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "couchcart_test";
    /** The PostgreSQL server the tests use, for tests that need a scratch database of their own. */
    public static final String POSTGRES_SERVER = "couchcart.test.postgres-server";
    public static final String POSTGRES_USER = "couchcart.test.postgres-user";

    /**
     * The switch of the proxy between the service and Redis: a system property, because test resources and
     * tests may live in different class loaders but share those.
     */
    private static final String REDIS_CUT = "couchcart.test.redis-cut";
    private static final String KAFKA_CUT = "couchcart.test.kafka-cut";
    /** Whether Kafka runs behind a proxy this run can cut (not when the environment names a broker). */
    private static final String KAFKA_CUTTABLE = "couchcart.test.kafka-cuttable";

    /** Cuts ({@code false}) or restores ({@code true}) the service's connection to Redis. */
    public static void redisReachable(boolean reachable) {
        System.setProperty(REDIS_CUT, Boolean.toString(!reachable));
    }

    /**
     * Cuts ({@code false}) or restores ({@code true}) every connection to the Kafka broker, the service's and the
     * tests' alike: for the test run, the broker is down.
     */
    public static void kafkaReachable(boolean reachable) {
        System.setProperty(KAFKA_CUT, Boolean.toString(!reachable));
    }

    /** Whether {@link #kafkaReachable} can cut Kafka: the embedded broker advertises a proxy; a named one does not. */
    public static boolean kafkaCuttable() {
        return Boolean.getBoolean(KAFKA_CUTTABLE);
    }

    @Override
    public Map<String, String> start() {
        String postgres = env("COUCHCART_TEST_POSTGRES_URL").orElseGet(LocalStack::postgres);
        String user = env("COUCHCART_TEST_POSTGRES_USER").orElse("postgres");
        LocalStack.recreateDatabase(postgres, user, DATABASE);

        // Through a proxy the Redis-outage tests can cut.
        java.net.URI redisUri = java.net.URI.create(env("COUCHCART_TEST_REDIS_URL").orElseGet(() -> LocalStack.redis() + "/0"));
        TcpProxy redisProxy = TcpProxy.to(redisUri.getHost(), redisUri.getPort(),
                () -> Boolean.getBoolean(REDIS_CUT));
        String redis = "redis://127.0.0.1:" + redisProxy.port() + redisUri.getPath();

        String kafka = env("COUCHCART_TEST_KAFKA_BOOTSTRAP").orElseGet(() -> {
            // The broker advertises a proxy in front of it, so that every client, wherever it bootstrapped, goes
            // through the proxy and the outage tests can take the broker away.
            AtomicInteger brokerPort = new AtomicInteger();
            TcpProxy kafkaProxy = TcpProxy.to("localhost", brokerPort::get, () -> Boolean.getBoolean(KAFKA_CUT));
            String broker = LocalStack.kafka(kafkaProxy.port());
            brokerPort.set(Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1)));
            System.setProperty(KAFKA_CUTTABLE, "true");
            return "localhost:" + kafkaProxy.port();
        });
        LocalStack.createTopics(kafka, LocalStack.TOPICS);

        return Map.of(
                "quarkus.datasource.reactive.url", postgres + "/" + DATABASE,
                "quarkus.datasource.username", user,
                "quarkus.redis.hosts", redis,
                "kafka.bootstrap.servers", kafka,
                "kafka-streams.state.dir", LocalStack.kafkaStreamsStateDir(),
                POSTGRES_SERVER, postgres,
                POSTGRES_USER, user);
    }

    @Override
    public void stop() {
        // The embedded services stop with the JVM; external ones are not ours to stop.
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
