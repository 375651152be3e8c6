package org.appcluster.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.appcluster.support.Balancer;

/**
 * A socket client that behaves as the browser library does: it reconnects after any drop and
 * subscribes again with the last history position it saw. It records everything that happens to
 * it, in order, for {@link DeliveryAudit}.
 */
final class ResumingSubscriber {

    /** What happened, in the order it happened, with {@link System#nanoTime()}. */
    sealed interface Event permits Received, NotRecovered, Dropped, Resumed {
        long at();
    }

    record Received(long at, String publisher, long n, long offset, String epoch) implements Event {
    }

    record NotRecovered(long at, String reason) implements Event {
    }

    record Dropped(long at) implements Event {
    }

    /** The node answered a subscribe made after a drop ({@code recovered} null on a first subscribe). */
    record Resumed(long at, Boolean recovered, int replayed) implements Event {
    }

    private final HttpClient http;
    private final URI socketUri;
    private final String pattern;
    private final ScheduledExecutorService reconnects;
    private final List<Event> events = new ArrayList<>();
    private volatile WebSocket socket;
    private volatile boolean stopped;
    private String epoch;
    private long offset = -1;
    private int replayedSinceSubscribe;
    private boolean subscribedBefore;

    ResumingSubscriber(HttpClient http, URI socketUri, String pattern, ScheduledExecutorService reconnects) {
        this.http = http;
        this.socketUri = socketUri;
        this.pattern = pattern;
        this.reconnects = reconnects;
    }

    void start() {
        connect();
    }

    /** Ends the TCP connection without a close handshake, as a network drop does. */
    void drop() {
        WebSocket current = socket;
        if (current != null) {
            current.abort(); // the listener hears nothing more of it
            onGone();
        }
    }

    void stop() {
        stopped = true;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Whether the last thing that happened is being subscribed (not dropped and waiting). */
    synchronized boolean isSubscribed() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof Dropped) {
                return false;
            }
            if (events.get(i) instanceof Resumed) {
                return true;
            }
        }
        return false;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        http.newWebSocketBuilder().buildAsync(socketUri, new Listener()).whenComplete((opened, failure) -> {
            if (failure != null) {
                retry();
            }
        });
    }

    private void retry() {
        if (!stopped) {
            // As the browser library: a short jittered wait (its first backoff step).
            reconnects.schedule(this::connect, 250 + ThreadLocalRandom.current().nextInt(250), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void onFrame(WebSocket webSocket, JsonObject frame) {
        JsonObject message = frame.getJsonObject("data");
        if (message == null || !frame.getBoolean("success", false)) {
            return;
        }
        JsonObject data = message.getJsonObject("data");
        switch (message.getString("type", "")) {
            case "welcome" -> subscribe(webSocket);
            case "broadcast" -> {
                JsonObject payload = data.getJsonObject("data");
                position(data);
                replayedSinceSubscribe++;
                events.add(new Received(System.nanoTime(), payload.getString("p"), payload.getJsonNumber("n").longValue(),
                        data.containsKey("offset") ? data.getJsonNumber("offset").longValue() : -1, data.getString("epoch", null)));
            }
            case "subscribed" -> {
                Boolean recovered = data.containsKey("recovered") ? data.getBoolean("recovered") : null;
                events.add(new Resumed(System.nanoTime(), recovered, replayedSinceSubscribe));
                if (Boolean.FALSE.equals(recovered)) {
                    events.add(new NotRecovered(System.nanoTime(), "not-recovered"));
                }
                position(data);
            }
            case "recovery" -> {
                events.add(new NotRecovered(System.nanoTime(), data.getString("reason", "")));
                position(data);
            }
            default -> {
            }
        }
    }

    /** As the browser library: the furthest offset within an epoch; a new epoch starts over. */
    private void position(JsonObject data) {
        if (data.containsKey("epoch") && (!data.getString("epoch").equals(epoch) || data.getJsonNumber("offset").longValue() > offset)) {
            epoch = data.getString("epoch");
            offset = data.getJsonNumber("offset").longValue();
        }
    }

    private void subscribe(WebSocket webSocket) {
        JsonObjectBuilder request = Json.createObjectBuilder().add("type", "subscribe").add("channel", pattern);
        if (subscribedBefore) {
            request.add("since", Json.createObjectBuilder().add("epoch", epoch == null ? "" : epoch).add("offset", Math.max(offset, 0)));
        }
        subscribedBefore = true;
        replayedSinceSubscribe = 0;
        webSocket.sendText(request.build().toString(), true);
    }

    private synchronized void onGone() {
        if (socket != null) {
            socket = null;
            events.add(new Dropped(System.nanoTime()));
        }
        retry();
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
            partial.append(text);
            if (last) {
                String whole = partial.toString();
                partial.setLength(0);
                onFrame(webSocket, Json.createReader(new StringReader(whole)).readObject());
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onGone();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onGone();
        }
    }

    /** {@code count} subscribers to {@code pattern} on the broadcast socket behind {@code balancer}, started. */
    static List<ResumingSubscriber> startMany(int count, HttpClient http, Balancer balancer, String pattern,
                                              ScheduledExecutorService reconnects) {
        URI socket = URI.create(balancer.uri("/api/1/ws/jp-broadcast").toString().replaceFirst("^http", "ws"));
        List<ResumingSubscriber> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ResumingSubscriber subscriber = new ResumingSubscriber(http, socket, pattern, reconnects);
            started.add(subscriber);
            subscriber.start();
        }
        return started;
    }

    static ScheduledExecutorService reconnectScheduler() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "chaos-reconnects");
            thread.setDaemon(true);
            return thread;
        });
    }
}
