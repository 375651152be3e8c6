package org.appcluster.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes {@code {"p":name,"n":1,2,3…}} one after another through the load balancer at a steady
 * rate, and remembers what the node answered for each: through Redis, local-only (Redis away on
 * that node) or unknown (no answer: the node died, or the balancer had no node).
 */
final class ChaosPublisher implements Runnable {

    enum Outcome { CLUSTER, LOCAL_ONLY, UNKNOWN }

    private final HttpClient http;
    private final URI endpoint;
    private final String name;
    private final long intervalNanos;
    private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> unanswered = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile long last;

    ChaosPublisher(HttpClient http, URI base, String channel, String name, int perSecond) {
        this.http = http;
        this.endpoint = base.resolve("/api/1/app-cluster/broadcast/" + channel);
        this.name = name;
        this.intervalNanos = 1_000_000_000L / perSecond;
    }

    String name() {
        return name;
    }

    Map<Long, Outcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** When the request for message {@code n} started ({@link System#nanoTime()}). */
    long sentAt(long n) {
        return sentAt.get(n);
    }

    /** Why publishes got no answer: an HTTP status or an exception, with how often. */
    Map<String, Integer> unanswered() {
        return Map.copyOf(unanswered);
    }

    long last() {
        return last;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        for (long n = 1; !stopped; n++) {
            sentAt.put(n, System.nanoTime());
            outcomes.put(n, publish(n));
            last = n;
            next += intervalNanos;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private Outcome publish(long n) {
        String body = "{\"data\":{\"p\":\"" + name + "\",\"n\":" + n + "}}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                unanswered.merge("HTTP " + response.statusCode(), 1, Integer::sum);
                return Outcome.UNKNOWN;
            }
            JsonObject data = Json.createReader(new StringReader(response.body())).readObject().getJsonObject("data");
            return data.getBoolean("fallback") ? Outcome.LOCAL_ONLY : Outcome.CLUSTER;
        } catch (Exception e) {
            unanswered.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
            return Outcome.UNKNOWN;
        }
    }
}
