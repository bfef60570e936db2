package com.couchcart.funnel;

import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark client (bench/funnel.sh), not a test. Modes:
 * <ul>
 *   <li>{@code keys DIR}: an RSA key pair for the run; the public key for the service, a staff token for the reports;</li>
 *   <li>{@code load HOST PORT RATE SECONDS JDBC RESULT}: TVs report impressions at RATE events/s (batches of 50) for
 *   SECONDS, with a probe event every 250 ms; then waits until the report's table holds every accepted event and writes
 *   accepted, counted, throughput and the probes' capture-to-report lag;</li>
 *   <li>{@code seed JDBC CAMPAIGNS DAYS}: hourly rows of CAMPAIGNS campaigns over DAYS days, each with a sketch of a few
 *   thousand devices, as the sink would have written them.</li>
 * </ul>
 */
public final class FunnelLoad {

    private static final Logger LOG = Logger.getLogger(FunnelLoad.class);
    private static final int BATCH = 50;
    private static final int DEVICES = 400;

    private FunnelLoad() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "keys" -> keys(Path.of(args[1]));
            case "load" -> load(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    args[5], Path.of(args[6]));
            case "seed" -> seed(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("keys | load | seed");
        }
    }

    private static void keys(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(dir.resolve("public-key"), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        Files.writeString(dir.resolve("staff-token"), Jwt.upn("bench").groups(Set.of("merchandiser"))
                .expiresIn(3600).sign(pair.getPrivate()));
    }

    private static void load(String host, int port, int rate, int seconds, String jdbc, Path result) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(48));
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            JsonObject session = call(http, "/api/tv/sessions", null, new JsonObject().put("tenant", "hisense")
                    .put("deviceId", UUID.randomUUID().toString()).put("model", "bench"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            sessions.add(session.getString("sessionToken"));
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        ConcurrentHashMap<String, Long> probes = new ConcurrentHashMap<>();
        double perTick = rate / 100.0;
        long started = System.currentTimeMillis();
        long[] sent = {0};
        long[] tick = {0};
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.setPeriodic(10, id -> {
            tick[0]++;
            if (System.currentTimeMillis() - started >= seconds * 1000L) {
                vertx.cancelTimer(id);
                done.complete(null);
                return;
            }
            // Events due by this tick, in whole batches.
            while (sent[0] + BATCH <= tick[0] * perTick) {
                sent[0] += BATCH;
                String token = sessions.get((int) (sent[0] / BATCH % sessions.size()));
                JsonArray events = new JsonArray();
                for (int e = 0; e < BATCH; e++) {
                    events.add(new JsonObject().put("type", "impression").put("overlayId", "load-" + (e % 10))
                            .put("contentId", "bench-load").put("at", e));
                }
                send(http, token, events, accepted, failed, inFlight, BATCH);
            }
            if (tick[0] % 25 == 0) {
                String probe = "probe-" + run + "-" + tick[0];
                inFlight.incrementAndGet();
                call(http, "/api/tv/interactions", sessions.get(0), new JsonObject().put("events", new JsonArray().add(
                        new JsonObject().put("type", "impression").put("overlayId", probe).put("contentId", "bench-probe")
                                .put("at", 0))))
                        .onComplete(answer -> {
                            inFlight.decrementAndGet();
                            if (answer.succeeded()) {
                                probes.put(probe, System.currentTimeMillis());
                            }
                        });
            }
        });
        done.get();
        awaitOrGoOn(Duration.ofSeconds(30), Duration.ofMillis(20), () -> inFlight.get() == 0);
        long answered = System.currentTimeMillis();
        LOG.infof("Sent for %d s: %d events accepted, %d refused or failed", seconds, accepted.get(), failed.get());

        try (Connection db = DriverManager.getConnection(jdbc)) {
            // Until every accepted event is in the report's table (or 3 minutes pass: then what arrived is reported).
            long[] tally = new long[2];
            awaitOrGoOn(Duration.ofMinutes(3), Duration.ofMillis(200), () -> {
                try (PreparedStatement query = db.prepareStatement("""
                        select coalesce(sum(impressions), 0), max(updated_at) from funnel_hourly where content_id = 'bench-load'""");
                     ResultSet rows = query.executeQuery()) {
                    rows.next();
                    tally[0] = rows.getLong(1);
                    tally[1] = rows.getTimestamp(2) == null ? 0 : rows.getTimestamp(2).getTime();
                }
                return tally[0] >= accepted.get();
            });
            long counted = tally[0];
            long landed = tally[1];
            List<Long> lags = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement(
                    "select overlay_id, updated_at from funnel_hourly where content_id = 'bench-probe' and overlay_id like ?")) {
                query.setString(1, "probe-" + run + "-%");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Long acknowledged = probes.get(rows.getString(1));
                        if (acknowledged != null) {
                            lags.add(rows.getTimestamp(2).getTime() - acknowledged);
                        }
                    }
                }
            }
            lags.sort(Long::compare);
            double throughput = counted * 1000.0 / Math.max(1, landed - started);
            long[] onTopic = onTopic(System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
            Files.writeString(result, "%d %d %d %.0f %d %d %d %d %d %d %d %d%n".formatted(accepted.get(), counted, failed.get(),
                    throughput, lags.size(), probes.size(), percentile(lags, 50), percentile(lags, 99),
                    lags.isEmpty() ? -1 : lags.get(lags.size() - 1), answered - started, onTopic[0], onTopic[1]));
        }
        vertx.close();
    }

    /** The load's records on the interactions topic, and their distinct CloudEvents ids (copies a relay sent again). */
    private static long[] onTopic(String bootstrap) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        long records = 0;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(java.util.Map.of(
                "bootstrap.servers", bootstrap, "group.id", "bench-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "max.poll.records", "5000"),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of(FunnelTopology.INTERACTIONS));
            int idle = 0;
            while (idle < 10) {
                var batch = consumer.poll(java.time.Duration.ofMillis(500));
                idle = batch.isEmpty() ? idle + 1 : 0;
                for (var record : batch) {
                    if (record.value().contains("\"contentId\":\"bench-load\"")) {
                        records++;
                        ids.add(new String(record.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return new long[] {records, ids.size()};
    }

    private static void awaitOrGoOn(Duration atMost, Duration poll, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(atMost).pollInterval(poll).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            LOG.warnf("Not there after %s; reporting what there is", atMost);
        }
    }

    private static void send(HttpClient http, String token, JsonArray events, AtomicLong accepted, AtomicLong failed,
                             AtomicLong inFlight, int count) {
        inFlight.incrementAndGet();
        call(http, "/api/tv/interactions", token, new JsonObject().put("events", events)).onComplete(answer -> {
            inFlight.decrementAndGet();
            (answer.succeeded() ? accepted : failed).addAndGet(count);
        });
    }

    private static Future<JsonObject> call(HttpClient http, String path, String token, JsonObject body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setURI(path)
                .putHeader("Content-Type", "application/json");
        if (token == null) {
            options.putHeader("X-Tenant-Key", "hisense-demo-app-key-000000000001");
        } else {
            options.putHeader("Authorization", "Bearer " + token);
        }
        return http.request(options)
                .compose(request -> request.send(Buffer.buffer(body.encode())))
                .compose(response -> response.body().compose(content -> response.statusCode() < 300
                        ? Future.succeededFuture(new JsonObject(content.length() == 0 ? "{}" : content.toString()))
                        : Future.failedFuture("HTTP " + response.statusCode())));
    }

    private static void seed(String jdbc, int campaigns, int days) throws Exception {
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(days, ChronoUnit.DAYS);
        try (Connection db = DriverManager.getConnection(jdbc)) {
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("""
                    insert into funnel_hourly (hour, tenant_id, campaign_id, content_id, overlay_id, impressions, clicks,
                                               adds, holdouts, reach)
                    values (?, ?, ?, 'seeded', ?, ?, ?, ?, 0, ?) on conflict do nothing""");
                 PreparedStatement daily = db.prepareStatement("""
                    insert into funnel_daily_reach (day, tenant_id, campaign_id, content_id, overlay_id, reach)
                    values (?, ?, ?, 'seeded', ?, ?) on conflict do nothing""")) {
                for (int campaign = 0; campaign < campaigns; campaign++) {
                    Sketch day = Sketch.EMPTY;
                    for (int hour = 0; hour < days * 24; hour++) {
                        // Each hour's viewers: a few thousand devices, most of them seen in other hours too.
                        int viewers = 1500 + (hour * 37 + campaign * 11) % 2500;
                        List<String> devices = new ArrayList<>(viewers);
                        for (int device = 0; device < viewers; device++) {
                            devices.add("device-" + ((hour * 997 + device) % 50_000));
                        }
                        Sketch reach = Sketch.of(devices);
                        insert.setTimestamp(1, Timestamp.from(first.plus(hour, ChronoUnit.HOURS)));
                        insert.setString(2, campaign % 2 == 0 ? "hisense" : "xiaomi");
                        insert.setString(3, "seeded-" + campaign);
                        insert.setString(4, "seeded-overlay-" + campaign);
                        insert.setLong(5, viewers * 3L);
                        insert.setLong(6, viewers / 4);
                        insert.setLong(7, viewers / 40);
                        insert.setBytes(8, reach.toBytes());
                        insert.addBatch();
                        // As the stream processor keeps it: the union of the day's hours.
                        Instant hourStart = first.plus(hour, ChronoUnit.HOURS);
                        day = day.merge(reach);
                        if (hourStart.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.DAYS).equals(hourStart.plus(1, ChronoUnit.HOURS))
                                || hour == days * 24 - 1) {
                            daily.setTimestamp(1, Timestamp.from(hourStart.truncatedTo(ChronoUnit.DAYS)));
                            daily.setString(2, campaign % 2 == 0 ? "hisense" : "xiaomi");
                            daily.setString(3, "seeded-" + campaign);
                            daily.setString(4, "seeded-overlay-" + campaign);
                            daily.setBytes(5, day.toBytes());
                            daily.addBatch();
                            day = Sketch.EMPTY;
                        }
                    }
                    daily.executeBatch();
                    insert.executeBatch();
                    db.commit();
                }
            }
        }
    }

    private static long percentile(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
