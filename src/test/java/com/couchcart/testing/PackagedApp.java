package com.couchcart.testing;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The packaged application as an operator runs it, in a process of its own: the native binary when the build made
 * one ({@code -Dnative}), else {@code target/quarkus-app}. Its log goes to {@code target/<name>-app.log}.
 */
public final class PackagedApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final String base;

    private PackagedApp(Process process, String base) {
        this.process = process;
        this.base = base;
    }

    /** Starts it with these environment variables and system properties, and waits until it is ready. */
    public static PackagedApp start(String name, Map<String, String> environment, List<String> properties) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String nativeImage = System.getProperty("native.image.path");
        boolean nativeBuild = nativeImage != null && new File(nativeImage).canExecute();
        List<String> command = new ArrayList<>();
        command.add(nativeBuild ? nativeImage : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        if (!nativeBuild) {
            command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("target/" + name + "-app.log"));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // The stream processor's local state belongs to one broker: each launch starts from a fresh folder.
        builder.environment().put("KAFKA_STREAMS_STATE_DIR",
                java.nio.file.Files.createTempDirectory(Path.of("target"), name + "-kafka-streams-").toAbsolutePath().toString());
        PackagedApp app = new PackagedApp(builder.start(), "http://localhost:" + port);
        try {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> !app.process.isAlive() || status(app.base + "/q/health/ready") == 200);
        } catch (RuntimeException notReady) {
            app.close();
            throw notReady;
        }
        if (!app.process.isAlive()) {
            throw new IllegalStateException("The packaged application ended at start; see target/" + name + "-app.log");
        }
        return app;
    }

    public String base() {
        return base;
    }

    public Process process() {
        return process;
    }

    public static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
