package org.appcluster.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes {@code {"p":name,"n":1,2,3…}} one after another through the load balancer at a steady
 * rate, and remembers what the node answered for each: through Redis, local-only (Redis away on
 * that node) or unknown (no answer: the node died, or the balancer had no node).
 */
final class ChaosPublisher extends PacedRequests {

    enum Outcome { CLUSTER, LOCAL_ONLY, UNKNOWN }

    private final HttpClient http;
    private final URI endpoint;
    private final String name;
    private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    private volatile long last;
    private Thread thread;

    ChaosPublisher(HttpClient http, URI base, String channel, String name, int perSecond) {
        super(perSecond);
        this.http = http;
        this.endpoint = base.resolve("/api/1/app-cluster/broadcast/" + channel);
        this.name = name;
    }

    /**
     * Publishers {@code a} and {@code b} on {@code streamPrefix + name} through {@code base},
     * each sending on a thread of its own until {@link #stopAll}.
     */
    static List<ChaosPublisher> startTwo(HttpClient http, URI base, String streamPrefix, int perSecond) {
        List<ChaosPublisher> started = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            ChaosPublisher publisher = new ChaosPublisher(http, base, streamPrefix + name, name, perSecond);
            publisher.thread = new Thread(publisher, "publisher-" + streamPrefix + name);
            publisher.thread.start();
            started.add(publisher);
        }
        return started;
    }

    /** Stops them all, then waits (10 s at most each) for their last requests to be answered. */
    static void stopAll(List<ChaosPublisher> publishers) throws InterruptedException {
        publishers.forEach(ChaosPublisher::stop);
        for (ChaosPublisher publisher : publishers) {
            publisher.thread.join(10_000);
        }
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
        return failures();
    }

    long last() {
        return last;
    }

    @Override
    void request(long n) {
        sentAt.put(n, System.nanoTime());
        outcomes.put(n, publish(n));
        last = n;
    }

    private Outcome publish(long n) {
        String body = "{\"data\":{\"p\":\"" + name + "\",\"n\":" + n + "}}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failedWith(response.statusCode());
                return Outcome.UNKNOWN;
            }
            JsonObject data = Json.createReader(new StringReader(response.body())).readObject().getJsonObject("data");
            return data.getBoolean("fallback") ? Outcome.LOCAL_ONLY : Outcome.CLUSTER;
        } catch (Exception e) {
            failedWith(e);
            return Outcome.UNKNOWN;
        }
    }
}
