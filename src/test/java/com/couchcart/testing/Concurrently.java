package com.couchcart.testing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sends requests all at once, each on its own connection, and waits for every answer. */
public final class Concurrently {

    private Concurrently() {
    }

    public static List<HttpResponse<String>> send(List<HttpRequest> requests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> responses = requests.stream()
                .map(request -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        return responses.stream().map(CompletableFuture::join).toList();
    }
}
