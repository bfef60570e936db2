package com.couchcart.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Reads a Kafka topic from its beginning with a consumer group of its own, as a downstream system would. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    public TopicReader(String topic) {
        this(topic, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    /** A reader of a broker of its own (outside a Quarkus test). */
    public TopicReader(String topic, String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Waits until {@code count} records with this key have arrived; answers them. */
    public List<ConsumerRecord<String, String>> await(String key, int count) {
        return await(key, count, Duration.ofSeconds(10));
    }

    public List<ConsumerRecord<String, String>> await(String key, int count, Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return withKey(key).size() >= count;
        });
        return withKey(key);
    }

    /** Waits until {@code count} records that match have arrived; answers every one that matches. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count) {
        return await(matching, count, Duration.ofSeconds(10));
    }

    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
                                                      Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return received.stream().filter(matching).count() >= count;
        });
        return received.stream().filter(matching).toList();
    }

    /** Reads what has arrived by now. */
    public List<ConsumerRecord<String, String>> poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        return received;
    }

    /** Every record read so far. */
    public List<ConsumerRecord<String, String>> received() {
        return received;
    }

    public List<ConsumerRecord<String, String>> withKey(String key) {
        return received.stream().filter(record -> key.equals(record.key())).toList();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
