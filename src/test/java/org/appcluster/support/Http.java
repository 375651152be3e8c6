package org.appcluster.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for tests. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** A response whose body was parsed as JSON (or null when it is not JSON). */
    public record Response(int status, String contentType, String text, JsonObject body,
                           java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    public static int getStatus(URI uri) {
        try {
            return send(HttpRequest.newBuilder(uri).GET()).status();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    public static Response getJson(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    /** A GET with one more header (an Authorization, say). */
    public static Response get(URI uri, String header, String value) {
        return send(HttpRequest.newBuilder(uri).header(header, value).GET());
    }

    public static Response postJson(URI uri, String json) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A JSON POST with one more header (a client token, say). */
    public static Response postJson(URI uri, String json, String header, String value) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, with an optional JSON body. */
    public static Response request(String method, URI uri, String json) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public static Response put(URI uri) {
        return send(HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private static Response send(HttpRequest.Builder request) {
        return send(CLIENT, request);
    }

    /** Sends with the given client (one with a cookie store keeps a session). */
    public static Response send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Response(response.statusCode(), type, response.body(), parse(response.body()), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject parse(String text) {
        try {
            return Json.createReader(new StringReader(text)).readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
