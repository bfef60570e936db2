package com.couchcart.overlay;

import com.couchcart.platform.Money;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark client (bench/live-cues.sh), not a test: opens N live-cue streams on one instance, fires one cue the
 * way another instance would (a Redis broadcast of the cue), and writes how long each stream took to see it.
 * Arguments: host port subscribers redisUrl channel resultFile.
 */
public final class LiveCueFanOut {

    private static final Logger LOG = Logger.getLogger(LiveCueFanOut.class);

    private LiveCueFanOut() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int subscribers = Integer.parseInt(args[2]);
        String redisUrl = args[3];
        String channel = args[4];
        Path result = Path.of(args[5]);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(30_000).setIdleTimeout(0), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(subscribers)
                .setMaxWaitQueueSize(-1));
        AtomicInteger open = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLongArray receivedAt = new AtomicLongArray(subscribers);
        CountDownLatch connected = new CountDownLatch(subscribers);
        CountDownLatch received = new CountDownLatch(subscribers);
        String path = "/api/tv/hisense/channels/" + channel + "/cues";
        // Opened in waves of 500 every 50 ms, as TVs tuning in would.
        AtomicInteger next = new AtomicInteger();
        vertx.setPeriodic(50, timer -> {
            for (int wave = 0; wave < 500; wave++) {
                int index = next.getAndIncrement();
                if (index >= subscribers) {
                    vertx.cancelTimer(timer);
                    return;
                }
                client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI(path)
                                .putHeader("Accept", "text/event-stream"))
                        .compose(request -> request.send())
                        .onSuccess(response -> {
                            open.incrementAndGet();
                            connected.countDown();
                            response.handler(buffer -> {
                                if (buffer.toString(StandardCharsets.UTF_8).contains("event:cue") && receivedAt.get(index) == 0) {
                                    receivedAt.set(index, System.currentTimeMillis());
                                    received.countDown();
                                }
                            });
                        })
                        .onFailure(error -> {
                            failed.incrementAndGet();
                            connected.countDown();
                            received.countDown();
                        });
            }
        });
        connected.await(5, TimeUnit.MINUTES);
        LOG.infof("%d streams open, %d failed", open.get(), failed.get());

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // Connected before the clock starts: the figure is the fan-out, not the bench's own Redis handshake.
        var redis = Redis.createClient(vertx, redisUrl).connect().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Instant firedAt = Instant.now();
        OverlayView overlay = new OverlayView("bench-cue", null, null,
                new OverlayView.Product("SKU-BENCH", "Bench product", new Money("9.90", "CNY"), null),
                new Placement("bottom-right", 85.0, 80.0), "Press OK to add", null);
        String cue = json.writeValueAsString(new LiveCue(channel, overlay, Targeting.EVERYONE, firedAt, 60_000));
        Future<?> published = redis.send(Request.cmd(Command.PUBLISH).arg("couchcart:broadcast:" + LiveCueService.TOPIC).arg(cue));
        published.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        received.await(60, TimeUnit.SECONDS);

        long[] latencies = new long[subscribers];
        int count = 0;
        for (int i = 0; i < subscribers; i++) {
            if (receivedAt.get(i) > 0) {
                latencies[count++] = receivedAt.get(i) - firedAt.toEpochMilli();
            }
        }
        long[] seen = Arrays.copyOf(latencies, count);
        Arrays.sort(seen);
        String line = count == 0 ? "0 0 0 0 " + open.get()
                : "%d %d %d %d %d".formatted(count, seen[count / 2], seen[(int) Math.min(count - 1, Math.ceil(count * 0.99) - 1)],
                seen[count - 1], open.get());
        Files.writeString(result, line + "\n");
        LOG.infof("received p50 p99 max open: %s", line);
        vertx.close();
        System.exit(0);
    }
}
