package com.couchcart.platform;

import com.couchcart.platform.localstack.LocalStack;
import com.couchcart.testing.EventStream;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // The native binary when the build made one (-Dnative), else the packaged JVM application.
        String nativeImage = System.getProperty("native.image.path");
        boolean nativeBuild = nativeImage != null && new File(nativeImage).canExecute();
        List<String> command = new java.util.ArrayList<>();
        command.add(nativeBuild ? nativeImage : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Dcouchcart.demo-data.enabled=true", "-Dquarkus.oidc.tenant-enabled=false",
                "-Dquarkus.oidc.phone-signin.tenant-enabled=false"));
        if (!nativeBuild) {
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/graceful-shutdown-app.log"));
        builder.environment().putAll(java.util.Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_REACTIVE_URL", postgres + "/couchcart_shutdown_check",
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "QUARKUS_REDIS_HOSTS", LocalStack.redis() + "/5",
                "KAFKA_BOOTSTRAP_SERVERS", LocalStack.kafka(),
                "QUARKUS_SHUTDOWN_DELAY", "3s"));
        Process app = builder.start();
        // HTTP/1.1, as ingress controllers and load balancers speak to pods.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://localhost:" + port;
        ExecutorService load = Executors.newFixedThreadPool(4);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> status(http, base + "/q/health/ready") == 200);
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

                app.destroy(); // SIGTERM

                // Readiness DOWN while the instance still serves (the shutdown delay).
                await().atMost(Duration.ofSeconds(5)).until(() -> status(http, base + "/q/health/ready") == 503);
                int servedWhileDraining = answered.size();
                await().atMost(Duration.ofSeconds(5)).until(() -> answered.size() > servedWhileDraining + 10);
                await().atMost(Duration.ofSeconds(10)).until(() -> !cues.data("reconnect").isEmpty());
                assertThat(cues.lines()).contains("retry:1000");
                // The load balancer has seen readiness DOWN and sends no new requests; those on their way finish.
                running.set(false);
                load.shutdown();
                assertThat(app.waitFor(40, TimeUnit.SECONDS)).isTrue();
                assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                assertThat(answered).isNotEmpty().containsOnly(200);
                assertThat(lost).isEmpty();
            }
        } finally {
            load.shutdownNow();
            app.destroyForcibly();
        }
    }

    private static int status(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
