package com.couchcart.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server-sent event stream read line by line in the background, as an {@code EventSource} would. */
public final class EventStream implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile int status;
    private volatile boolean ended;
    private volatile String contentType;
    private volatile java.io.InputStream body;

    private EventStream(URI uri) {
        reader = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                status = response.statusCode();
                contentType = response.headers().firstValue("Content-Type").orElse("");
                body = response.body();
                try (var in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                }
                ended = true;
            } catch (Exception e) {
                lines.add("! " + e);
            }
        }, "event-stream-" + uri.getPath());
        reader.setDaemon(true);
        reader.start();
    }

    public static EventStream open(URI uri) {
        return new EventStream(uri);
    }

    public List<String> lines() {
        return lines;
    }

    /** The {@code data:} lines of the events named {@code name}. */
    public List<String> data(String name) {
        List<String> data = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("event:" + name) || lines.get(i).equals("event: " + name)) {
                for (int j = i + 1; j < lines.size() && !lines.get(j).isEmpty(); j++) {
                    if (lines.get(j).startsWith("data:")) {
                        data.add(lines.get(j).substring(5).trim());
                    }
                }
            }
        }
        return data;
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public void close() throws Exception {
        if (body != null) {
            body.close();
        }
        reader.interrupt();
    }
}
