package com.couchcart.platform;

import com.couchcart.platform.localstack.LocalStack;
import com.couchcart.testing.EventStream;
import com.couchcart.testing.PackagedApp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to the packaged application under a small load: readiness turns DOWN first while requests are still
 * served (the shutdown delay, during which a load balancer stops sending new ones), open event streams get a last
 * "reconnect" event, and no request in flight is lost.
 */
class GracefulShutdownIT {

    @Test
    void sigtermUnderLoadLosesNoAcceptedRequestAndTellsStreamsToReconnect() throws Exception {
        String postgres = LocalStack.postgres();
        LocalStack.recreateDatabase(postgres, "postgres", "couchcart_shutdown_check");
        PackagedApp app = PackagedApp.start("graceful-shutdown", java.util.Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres + "/couchcart_shutdown_check",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "QUARKUS_REDIS_HOSTS", LocalStack.redis() + "/5",
                "KAFKA_BOOTSTRAP_SERVERS", LocalStack.kafka(),
                "QUARKUS_SHUTDOWN_DELAY", "3s"), List.of("-Dcouchcart.demo-data.enabled=true",
                "-Dquarkus.oidc.tenant-enabled=false", "-Dquarkus.oidc.phone-signin.tenant-enabled=false"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String base = app.base();
        ExecutorService load = Executors.newFixedThreadPool(4);
        try {
            try (EventStream cues = EventStream.open(URI.create(base + "/api/tv/hisense/channels/live-shopping/cues"))) {
                await().atMost(Duration.ofSeconds(10)).until(() -> cues.status() == 200);

                List<Integer> answered = new CopyOnWriteArrayList<>();
                List<String> lost = new CopyOnWriteArrayList<>();
                AtomicBoolean running = new AtomicBoolean(true);
                for (int i = 0; i < 4; i++) {
                    load.submit(() -> {
                        while (running.get()) {
                            try {
                                answered.add(status(http, base + "/api/tv/hisense/contents/vod-kitchen-stories-s1e1/overlays?at=30000"));
                            } catch (ConnectException refused) {
                                // Not accepted: the listener has closed, the load balancer would send it elsewhere.
                            } catch (IOException | InterruptedException e) {
                                lost.add(e.toString());
                            }
                        }
                        return null;
                    });
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() > 50);

                app.process().destroy(); // SIGTERM

                // Readiness DOWN while the instance still serves (the shutdown delay).
                await().atMost(Duration.ofSeconds(5)).until(() -> status(http, base + "/q/health/ready") == 503);
                int servedWhileDraining = answered.size();
                await().atMost(Duration.ofSeconds(5)).until(() -> answered.size() > servedWhileDraining + 10);
                await().atMost(Duration.ofSeconds(10)).until(() -> !cues.data("reconnect").isEmpty());
                assertThat(cues.lines()).contains("retry:1000");
                // The load balancer has seen readiness DOWN and sends no new requests; those on their way finish.
                running.set(false);
                load.shutdown();
                assertThat(app.process().waitFor(40, TimeUnit.SECONDS)).isTrue();
                assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                assertThat(answered).isNotEmpty().containsOnly(200);
                assertThat(lost).isEmpty();
            }
        } finally {
            load.shutdownNow();
            app.close();
        }
    }

    private static int status(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
