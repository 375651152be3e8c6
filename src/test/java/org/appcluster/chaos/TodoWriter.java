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

/**
 * Writes to-dos titled {@code chaos-1, chaos-2…} one after another through the load balancer and
 * remembers what the node answered for each: stored (200 with the item), refused by the node
 * because MongoDB is away (503 JSON {@code DATABASE_UNAVAILABLE} with {@code Retry-After}), or
 * anything else, which the audit counts as a failure.
 */
final class TodoWriter extends PacedRequests {

    enum Outcome { STORED, REFUSED, OTHER }

    private final HttpClient http;
    private final URI endpoint;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    TodoWriter(HttpClient http, URI base, int perSecond) {
        super(perSecond);
        this.http = http;
        this.endpoint = base.resolve("/api/1/helloClusterTodo");
    }

    Map<String, Outcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    long count(Outcome outcome) {
        return outcomes.values().stream().filter(outcome::equals).count();
    }

    /** What the writes that were neither stored nor refused got: an HTTP status or an exception. */
    Map<String, Integer> others() {
        return failures();
    }

    @Override
    void request(long n) {
        String title = "chaos-" + n;
        outcomes.put(title, write(title));
    }

    private Outcome write(String title) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"user\":\"chaos\"}")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return Outcome.STORED;
            }
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isPresent()
                    && "DATABASE_UNAVAILABLE".equals(json(response.body()).getString("code", ""))) {
                return Outcome.REFUSED;
            }
            failedWith(response.statusCode());
        } catch (Exception e) {
            failedWith(e);
        }
        return Outcome.OTHER;
    }

    private static JsonObject json(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (RuntimeException notJson) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
    }
}
